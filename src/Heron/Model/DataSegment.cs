namespace Heron.Model;

/// <summary>A data segment: its mode, target memory and offset (when active), and its bytes.</summary>
internal sealed record DataSegment(SegmentMode Mode, ByteRange Data)
{
    public int MemoryIndex { get; init; }

    public ByteRange Offset { get; init; }

    /// <summary>The segment's flags (0 to 2) as read from or to be written to the binary format.</summary>
    public int Encoding { get; init; }
}
