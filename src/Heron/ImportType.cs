namespace Heron;

/// <summary>
/// One import of a module: its two-level name, its kind and its type (exactly the property matching
/// <see cref="Kind"/> is set).
/// </summary>
public sealed record ImportType(string Module, string Name, ExternKind Kind)
{
    /// <summary>For a function import: its type.</summary>
    public FunctionType? FunctionType { get; init; }

    /// <summary>For a memory import.</summary>
    public MemoryType? MemoryType { get; init; }

    /// <summary>For a table import.</summary>
    public TableType? TableType { get; init; }

    /// <summary>For a global import.</summary>
    public GlobalType? GlobalType { get; init; }

    /// <summary>For a tag import: its type (the payload is the parameters; no results).</summary>
    public FunctionType? TagType { get; init; }
}
