using System.Text;

namespace Heron.Components.Tests.Validation;

/// <summary>
/// Builds small component binaries for tests, section by section, until the component text format can
/// write them: each section is its id, its size and its items as a vector.
/// </summary>
internal sealed class TestComponent
{
    private readonly List<byte> bytes = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    public TestComponent Types(params byte[][] types) => Vector(0x07, types);

    public TestComponent Imports(params byte[][] imports) => Vector(0x0a, imports);

    public TestComponent Exports(params byte[][] exports) => Vector(0x0b, exports);

    public TestComponent Instances(params byte[][] instances) => Vector(0x05, instances);

    public TestComponent Aliases(params byte[][] aliases) => Vector(0x06, aliases);

    public TestComponent Canons(params byte[][] canons) => Vector(0x08, canons);

    public TestComponent Nested(TestComponent component) => Section(0x04, component.ToArray());

    private TestComponent Vector(byte id, byte[][] items) => Section(id, [.. U32((uint)items.Length), .. items.SelectMany(i => i)]);

    private TestComponent Section(byte id, byte[] contents)
    {
        bytes.Add(id);
        bytes.AddRange(U32((uint)contents.Length));
        bytes.AddRange(contents);
        return this;
    }

    public byte[] ToArray() => bytes.ToArray();

    public static byte[] U32(uint value)
    {
        var result = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            result.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return result.ToArray();
    }

    /// <summary>A name as the binary format writes it: its UTF-8 length, then the bytes.</summary>
    public static byte[] Name(string name) => [.. U32((uint)Encoding.UTF8.GetByteCount(name)), .. Encoding.UTF8.GetBytes(name)];

    /// <summary>A plain import or export name (the 0x00 form of nameattributes).</summary>
    public static byte[] Extern(string name) => [0x00, .. Name(name)];
}
