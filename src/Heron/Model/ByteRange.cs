namespace Heron.Model;

/// <summary>
/// A span of the module's binary encoding. Code and constant expressions stay in the module's bytes
/// and are read on demand, so byte offsets in errors and backtraces are offsets in that encoding.
/// </summary>
internal readonly record struct ByteRange(int Start, int Length)
{
    public int End => Start + Length;

    public ReadOnlySpan<byte> Of(byte[] bytes) => bytes.AsSpan(Start, Length);
}
