namespace Heron.Model;

/// <summary>
/// One entry of the type section. In 2.0 every entry is a function type; 3.0 adds GC structs and arrays,
/// subtyping (<see cref="SuperTypes"/>, <see cref="Final"/>) and recursion groups.
/// </summary>
internal sealed class TypeDefinition
{
    public required CompositeKind Kind { get; init; }

    /// <summary>The signature, for <see cref="CompositeKind.Function"/>.</summary>
    public FunctionType? Function { get; init; }

    /// <summary>The fields of a struct, or the single element type of an array.</summary>
    public FieldType[] Fields { get; init; } = NoItems<FieldType>.Array;

    /// <summary>False only for a <c>sub</c> type declared without <c>final</c>.</summary>
    public bool Final { get; init; } = true;

    /// <summary>Indices of the declared supertypes (at most one in 3.0).</summary>
    public int[] SuperTypes { get; init; } = [];

    /// <summary>Index of the first type of this type's recursion group.</summary>
    public int RecGroupStart { get; init; }

    /// <summary>Number of types in this type's recursion group (1 for a type outside any <c>rec</c>).</summary>
    public int RecGroupSize { get; init; } = 1;

    public FunctionType FunctionType =>
        Function ?? throw new InvalidOperationException("The type is not a function type.");
}
