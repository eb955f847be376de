using Heron.Text;

namespace Heron.Components.Text;

/// <summary>
/// Encodes pieces of core WebAssembly text (a type definition, an import's descriptor) with the core text
/// parser, by wrapping each in a one-field module and reading the entry back out of its section, so the
/// component parser shares every core type and limit rule with the module parser.
/// </summary>
internal static class CoreFragments
{
    /// <summary>The encoding of the first entry of the type section of <c>(module (type TEXT))</c> or <c>(module TEXT)</c>.</summary>
    public static byte[] TypeEntry(string prefix, string text, string suffix, int line, int column)
    {
        var module = WatParser.ParseModule(prefix + text + suffix, line, column - prefix.Length);
        var section = FindSection(module, 1);
        var reader = new SpanCursor(section);
        reader.ReadU32(); // entry count
        return section[reader.Position..].ToArray();
    }

    /// <summary>The descriptor of the import in <c>(module (import "" "" TEXT))</c>: an extern type's encoding.</summary>
    public static byte[] ImportDescriptor(string text, int line, int column)
    {
        const string prefix = "(module (import \"\" \"\" ";
        var module = WatParser.ParseModule(prefix + text + "))", line, column - prefix.Length);
        var section = FindSection(module, 2);
        // The count (1) and the two empty names.
        return section[3..].ToArray();
    }

    private static ReadOnlySpan<byte> FindSection(byte[] module, byte id)
    {
        var cursor = new SpanCursor(module) { Position = 8 };
        while (cursor.Position < module.Length)
        {
            var sectionId = module[cursor.Position++];
            var size = (int)cursor.ReadU32();
            if (sectionId == id) return module.AsSpan(cursor.Position, size);
            cursor.Position += size;
        }
        return [];
    }

    private ref struct SpanCursor(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;

        public int Position { get; set; }

        public uint ReadU32()
        {
            uint result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[Position++];
                result |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
            }
        }
    }
}
