namespace Heron;

/// <summary>The type of a function: its parameter and result types.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    /// <summary>Creates a function type.</summary>
    public FunctionType(IReadOnlyList<ValueType> parameters, IReadOnlyList<ValueType> results)
    {
        Parameters = parameters.ToArray();
        Results = results.ToArray();
    }

    /// <summary>The parameter types, in order.</summary>
    public IReadOnlyList<ValueType> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public IReadOnlyList<ValueType> Results { get; }

    /// <summary>Structural equality: same parameters and results.</summary>
    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.SequenceEqual(other.Parameters) && Results.SequenceEqual(other.Results);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Parameters) hash.Add(p);
        hash.Add(-1);
        foreach (var r in Results) hash.Add(r);
        return hash.ToHashCode();
    }

    /// <summary>The text-format spelling, for example <c>(func (param i32) (result i64))</c>.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder("(func");
        if (Parameters.Count > 0) text.Append(" (param ").AppendJoin(' ', Parameters).Append(')');
        if (Results.Count > 0) text.Append(" (result ").AppendJoin(' ', Results).Append(')');
        return text.Append(')').ToString();
    }
}
