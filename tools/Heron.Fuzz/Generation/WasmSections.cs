namespace Heron.Fuzz.Generation;

/// <summary>Just enough of the binary format to rewrite a module's sections: split, read entries, join.</summary>
internal static class WasmSections
{
    public static List<Section> Read(byte[] wasm)
    {
        var sections = new List<Section>();
        var reader = new Reader(wasm) { Position = 8 };
        while (reader.Position < wasm.Length)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            sections.Add(new Section(id, wasm[reader.Position..(reader.Position + size)]));
            reader.Skip(size);
        }
        return sections;
    }

    public static byte[] Vector(List<byte[]> entries) => [.. Leb(entries.Count), .. entries.SelectMany(e => e)];

    public static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            bytes.Add(v == 0 ? b : (byte)(b | 0x80));
        } while (v != 0);
        return [.. bytes];
    }

    public static byte[] Write(byte[] original, List<Section> sections)
    {
        var output = new List<byte>(original[..8]);
        foreach (var section in sections)
        {
            output.Add(section.Id);
            output.AddRange(Leb(section.Body.Length));
            output.AddRange(section.Body);
        }
        return [.. output];
    }

    public readonly record struct Section(byte Id, byte[] Body);

    public sealed class Reader(byte[] body)
    {
        public byte[] Body { get; } = body;

        public int Position { get; set; }

        public byte Byte() => Body[Position++];

        public void Skip(int count) => Position += count;

        public ulong U32()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return value;
            }
        }

        public void ValueType()
        {
            // (ref null ht) and (ref ht) carry a heap type (an s33); every other value type is one byte.
            if (Byte() is 0x63 or 0x64) U32();
        }

        public void Limits()
        {
            var flags = Byte();
            U32();
            if ((flags & 1) != 0) U32();
            if ((flags & 8) != 0) U32();
        }
    }
}
