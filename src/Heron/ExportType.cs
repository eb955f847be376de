namespace Heron;

/// <summary>One export of a module: its name, its kind and its type (exactly the property matching <see cref="Kind"/> is set).</summary>
public sealed record ExportType(string Name, ExternKind Kind)
{
    /// <summary>For a function export: its type.</summary>
    public FunctionType? FunctionType { get; init; }

    /// <summary>For a memory export.</summary>
    public MemoryType? MemoryType { get; init; }

    /// <summary>For a table export.</summary>
    public TableType? TableType { get; init; }

    /// <summary>For a global export.</summary>
    public GlobalType? GlobalType { get; init; }

    /// <summary>For a tag export: its type (the payload is the parameters; no results).</summary>
    public FunctionType? TagType { get; init; }
}
