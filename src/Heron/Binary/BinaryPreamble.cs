namespace Heron.Binary;

/// <summary>
/// The eight bytes that open every WebAssembly binary: the magic number, a 16-bit version and a 16-bit layer
/// (0 for a core module, 1 for a component). Here rather than in Heron.Components so that telling the two
/// apart (what <c>heron run</c> does first) does not load the component model's assembly for a core module.
/// </summary>
internal static class BinaryPreamble
{
    /// <summary>The layer field of a component.</summary>
    public const ushort ComponentLayer = 1;

    /// <summary>True when the bytes start with the magic number and the component layer.</summary>
    public static bool IsComponent(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m'
        && bytes[6] == ComponentLayer && bytes[7] == 0;
}
