namespace Heron.Binary;

/// <summary>The type of a block, loop, if or try_table: empty, one result type, or a function type index.</summary>
internal readonly record struct BlockType(ValueType? Result, int TypeIndex)
{
    public static readonly BlockType Empty = new(null, -1);

    public bool IsEmpty => Result == null && TypeIndex < 0;

    public bool HasTypeIndex => TypeIndex >= 0;
}
