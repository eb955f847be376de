namespace Heron.Components.Binary;

/// <summary>
/// The eight bytes that open every WebAssembly binary. A core module and a component share the magic
/// number and differ in the 16-bit layer field (0 for a module, 1 for a component), so a tool can tell
/// them apart before decoding either.
/// </summary>
public static class ComponentPreamble
{
    /// <summary>The version field of the component binary format this decoder reads (0x0d, pre-1.0).</summary>
    public const ushort Version = 0x0d;

    /// <summary>The layer field of a component.</summary>
    public const ushort ComponentLayer = Heron.Binary.BinaryPreamble.ComponentLayer;

    /// <summary>True when the bytes start with the magic number and the component layer.</summary>
    public static bool IsComponent(ReadOnlySpan<byte> bytes) => Heron.Binary.BinaryPreamble.IsComponent(bytes);
}
