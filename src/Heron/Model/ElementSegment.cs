namespace Heron.Model;

/// <summary>
/// An element segment. Its items are either function indices (the compact encodings) or constant
/// expressions (the expression encodings); exactly one of <see cref="FunctionIndices"/> and
/// <see cref="Expressions"/> is non-null. <see cref="Encoding"/> keeps the flags byte for re-encoding.
/// </summary>
internal sealed record ElementSegment(SegmentMode Mode, ValueType ElementType)
{
    public int TableIndex { get; init; }

    /// <summary>The offset expression of an active segment.</summary>
    public ByteRange Offset { get; init; }

    public int[]? FunctionIndices { get; init; }

    public ByteRange[]? Expressions { get; init; }

    /// <summary>The segment's flags (0 to 7) as read from or to be written to the binary format.</summary>
    public int Encoding { get; init; }

    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}
