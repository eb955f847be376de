using System.Text;

namespace Heron.Text;

/// <summary>Decodes string literals: the bytes they denote, and names (which must be valid UTF-8).</summary>
internal static class StringLiteral
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The bytes of the string literal at <paramref name="start"/> (its opening quote) up to <paramref name="end"/>.</summary>
    public static byte[] Decode(string text, int start, int end, int line, int column)
    {
        var bytes = new List<byte>(end - start);
        Span<byte> utf8 = stackalloc byte[4];
        var pos = start + 1;
        var last = end - 1; // closing quote
        while (pos < last)
        {
            var c = text[pos];
            var col = column + (pos - start);
            if (c == '\\')
            {
                if (pos + 1 >= last) throw new TextParseException("malformed string escape", line, col);
                var e = text[pos + 1];
                pos += 2;
                switch (e)
                {
                    case 't': bytes.Add(9); break;
                    case 'n': bytes.Add(10); break;
                    case 'r': bytes.Add(13); break;
                    case '"': bytes.Add(0x22); break;
                    case '\'': bytes.Add(0x27); break;
                    case '\\': bytes.Add(0x5C); break;
                    case 'u':
                    {
                        if (pos >= last || text[pos] != '{') throw new TextParseException("malformed string escape", line, col);
                        var close = text.IndexOf('}', pos);
                        if (close < 0 || close >= last || close == pos + 1) throw new TextParseException("malformed string escape", line, col);
                        long value = 0;
                        var digits = 0;
                        var underscoreOk = false;
                        for (var i = pos + 1; i < close; i++)
                        {
                            var h = HexValue(text[i]);
                            if (text[i] == '_' && underscoreOk) { underscoreOk = false; continue; }
                            if (h < 0) throw new TextParseException("malformed string escape", line, col);
                            value = Math.Min(value * 16 + h, 0x200000);
                            digits++;
                            underscoreOk = true;
                        }
                        if (!underscoreOk || digits == 0 || value >= 0x110000 || value is >= 0xD800 and < 0xE000)
                            throw new TextParseException("malformed string escape", line, col);
                        var n = new Rune((int)value).EncodeToUtf8(utf8);
                        for (var i = 0; i < n; i++) bytes.Add(utf8[i]);
                        pos = close + 1;
                        break;
                    }
                    default:
                    {
                        var hi = HexValue(e);
                        var lo = pos < last ? HexValue(text[pos]) : -1;
                        if (hi < 0 || lo < 0) throw new TextParseException("malformed string escape", line, col);
                        bytes.Add((byte)(hi * 16 + lo));
                        pos++;
                        break;
                    }
                }
                continue;
            }
            if (c < 0x20 || c == 0x7F) throw new TextParseException("malformed string: control character", line, col);
            if (c < 0x80) { bytes.Add((byte)c); pos++; continue; }
            // Other characters stand for their UTF-8 encoding.
            if (char.IsHighSurrogate(c) && pos + 1 < last && char.IsLowSurrogate(text[pos + 1]))
            {
                var n = new Rune(c, text[pos + 1]).EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++) bytes.Add(utf8[i]);
                pos += 2;
                continue;
            }
            if (char.IsSurrogate(c)) throw new TextParseException("malformed UTF-8 encoding", line, col);
            var m = new Rune(c).EncodeToUtf8(utf8);
            for (var i = 0; i < m; i++) bytes.Add(utf8[i]);
            pos++;
        }
        return bytes.ToArray();
    }

    /// <summary>Decodes a name: a string literal whose bytes must be valid UTF-8.</summary>
    public static string DecodeName(string text, int start, int end, int line, int column)
    {
        var bytes = Decode(text, start, end, line, column);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new TextParseException("malformed UTF-8 encoding", line, column);
        }
    }

    /// <summary>The value of a hexadecimal digit, or -1.</summary>
    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
