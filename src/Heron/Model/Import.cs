namespace Heron.Model;

/// <summary>
/// An import: its two-level name and what it describes. Exactly the field matching
/// <see cref="Kind"/> is meaningful.
/// </summary>
internal sealed record Import(string Module, string Name, ExternKind Kind)
{
    /// <summary>For a function or a tag: the index of its type.</summary>
    public int TypeIndex { get; init; }

    public TableType Table { get; init; }

    public MemoryType Memory { get; init; }

    public GlobalType Global { get; init; }
}
