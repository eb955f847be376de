using System.Text;

namespace Heron.Text;

/// <summary>
/// Writes bytes as a text-format string literal that denotes exactly those bytes: printable ASCII as
/// itself, everything else (quotes, backslashes, control bytes, every byte of a multi-byte UTF-8
/// sequence) as a two-digit <c>\hh</c> escape, so that no byte depends on how the reader decodes text.
/// </summary>
internal static class StringEscaper
{
    private const string Hex = "0123456789abcdef";

    /// <summary>Appends <paramref name="bytes"/> quoted.</summary>
    public static void Append(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('"');
        foreach (var b in bytes)
        {
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') text.Append((char)b);
            else text.Append('\\').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        }
        text.Append('"');
    }

    /// <summary>Appends a name (an import, export or module name) quoted, escaped byte by byte of its UTF-8.</summary>
    public static void AppendName(StringBuilder text, string name)
    {
        // Names are nearly always ASCII: skip the UTF-8 buffer for them.
        var ascii = true;
        foreach (var c in name) if (c >= 0x80) { ascii = false; break; }
        if (!ascii)
        {
            Append(text, Encoding.UTF8.GetBytes(name));
            return;
        }
        text.Append('"');
        foreach (var c in name)
        {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') text.Append(c);
            else text.Append('\\').Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
        }
        text.Append('"');
    }

    /// <summary><paramref name="bytes"/> as a quoted string literal.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 2);
        Append(text, bytes);
        return text.ToString();
    }
}
