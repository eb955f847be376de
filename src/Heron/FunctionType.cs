namespace Heron;

/// <summary>The type of a function: its parameter and result types.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    /// <summary>Creates a function type.</summary>
    public FunctionType(IReadOnlyList<ValueType> parameters, IReadOnlyList<ValueType> results)
    {
        ParameterArray = CopyOf(parameters);
        ResultArray = CopyOf(results);
        Parameters = new ValueTypeList(ParameterArray);
        Results = new ValueTypeList(ResultArray);
    }

    // A loop instead of Enumerable.ToArray: the framework's generic code over a Heron struct is not in the
    // ReadyToRun image and would be JIT-compiled at every start of the tool (function types are built then).
    private static ValueType[] CopyOf(IReadOnlyList<ValueType> types)
    {
        if (types is ValueType[] array) return (ValueType[])array.Clone();
        var copy = new ValueType[types.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = types[i];
        return copy;
    }

    /// <summary>The parameter types, in order.</summary>
    public IReadOnlyList<ValueType> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public IReadOnlyList<ValueType> Results { get; }

    // The same types as arrays, for Heron's own code: indexing an array needs none of the framework's generic
    // interface code over a Heron struct, which ReadyToRun cannot compile ahead.
    internal ValueType[] ParameterArray { get; }

    internal ValueType[] ResultArray { get; }

    /// <summary>Structural equality: same parameters and results.</summary>
    public bool Equals(FunctionType? other) =>
        other is not null && Same(ParameterArray, other.ParameterArray) && Same(ResultArray, other.ResultArray);

    // By hand, as CopyOf: Enumerable.SequenceEqual over a Heron struct would be JIT-compiled.
    private static bool Same(ValueType[] a, ValueType[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!a[i].Equals(b[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in ParameterArray) hash.Add(p.GetHashCode());
        hash.Add(-1);
        foreach (var r in ResultArray) hash.Add(r.GetHashCode());
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
