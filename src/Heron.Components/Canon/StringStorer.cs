using System.Text;

namespace Heron.Components.Canon;

/// <summary>
/// Storing a string into a component's memory in the encoding its options ask for, transcoding from the
/// encoding it came in. The allocation sizes and realloc calls follow the canonical ABI step by step (a
/// guest can observe them), so each case below mirrors one of its store_* procedures.
/// </summary>
internal static class StringStorer
{
    private const uint Utf16Tag = 1u << 31;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// A string of the host: its source encoding is the host's to choose, so it is taken to be the encoding the
    /// guest wants (the canonical ABI's plain copy), and lands with one allocation of its exact size. A
    /// non-ASCII string read as UTF-16 into a UTF-8 guest would instead grow to the worst case and shrink,
    /// which allocators that only ever hand out exact sizes (the preview 1 adapter's) refuse.
    /// </summary>
    public static unsafe (uint Pointer, uint TaggedCodeUnits) StoreHost(CanonicalAbi abi, string text)
    {
        try
        {
            switch (abi.Options.Encoding)
            {
                case StringEncoding.Utf8:
                {
                    var length = (uint)CanonicalAbi.StrictUtf8.GetByteCount(text);
                    var pointer = abi.Realloc(0, 0, 1, length);
                    abi.CheckAllocation(pointer, length, 1);
                    CanonicalAbi.StrictUtf8.GetBytes(text, abi.Memory.GetSpan(pointer, (int)length));
                    return (pointer, length);
                }
                case StringEncoding.Utf16:
                    return CopyUtf16(abi, text, 0);
                default:
                {
                    if (!IsLatin1(text)) return CopyUtf16(abi, text, Utf16Tag);
                    var length = (uint)text.Length;
                    var pointer = abi.Realloc(0, 0, 2, length);
                    abi.CheckAllocation(pointer, length, 2);
                    Encoding.Latin1.GetBytes(text, abi.Memory.GetSpan(pointer, (int)length));
                    return (pointer, length);
                }
            }
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("the string holds an unpaired surrogate, which no component string can carry");
        }
    }

    private static (uint, uint) CopyUtf16(CanonicalAbi abi, string text, uint tag)
    {
        CanonicalAbi.StrictUtf8.GetByteCount(text); // refuses unpaired surrogates, as the UTF-8 path does
        var byteLength = 2u * (uint)text.Length;
        var pointer = abi.Realloc(0, 0, 2, byteLength);
        abi.CheckAllocation(pointer, byteLength, 2);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(abi.Memory.GetSpan(pointer, (int)byteLength));
        return (pointer, (uint)text.Length | tag);
    }

    private static bool IsLatin1(string text)
    {
        foreach (var c in text) if (c >= 0x100) return false;
        return true;
    }

    /// <summary>Returns the pointer and the (tagged) length in code units.</summary>
    public static (uint Pointer, uint TaggedCodeUnits) Store(CanonicalAbi abi, LiftedString source)
    {
        var (simple, units) = source.Encoding == StringEncoding.Latin1Utf16
            ? (source.TaggedCodeUnits & Utf16Tag) != 0 ? (StringEncoding.Utf16, source.TaggedCodeUnits ^ Utf16Tag) : (StringEncoding.Latin1Utf16, source.TaggedCodeUnits)
            : (source.Encoding, source.TaggedCodeUnits);
        var isLatin1 = source.Encoding == StringEncoding.Latin1Utf16 && simple == StringEncoding.Latin1Utf16;
        var text = source.Text;
        try
        {
            return abi.Options.Encoding switch
            {
                StringEncoding.Utf8 when simple == StringEncoding.Utf8 => Copy(abi, Encode(text, StrictUtf8), units, 1),
                StringEncoding.Utf8 => ToUtf8(abi, text, units, worstCase: isLatin1 ? units * 2 : units * 3),
                StringEncoding.Utf16 when simple == StringEncoding.Utf8 => Utf8ToUtf16(abi, text, units),
                StringEncoding.Utf16 => Copy(abi, Encoding.Unicode.GetBytes(text), units, 2),
                _ when source.Encoding != StringEncoding.Latin1Utf16 => ToLatin1OrUtf16(abi, text, units),
                _ when isLatin1 => Copy(abi, Encoding.Latin1.GetBytes(text), units, 2),
                _ => ProbablyUtf16ToLatin1OrUtf16(abi, text, units),
            };
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("the string holds an unpaired surrogate, which no component string can carry");
        }
    }

    private static byte[] Encode(string text, Encoding encoding) => encoding.GetBytes(text);

    private static (uint, uint) Copy(CanonicalAbi abi, byte[] encoded, uint units, int alignment)
    {
        var pointer = abi.Realloc(0, 0, (uint)alignment, (uint)encoded.Length);
        abi.CheckAllocation(pointer, (ulong)encoded.Length, alignment);
        encoded.CopyTo(abi.Memory.GetSpan(pointer, encoded.Length));
        return (pointer, units);
    }

    private static (uint, uint) ToUtf8(CanonicalAbi abi, string text, uint units, uint worstCase)
    {
        var pointer = abi.Realloc(0, 0, 1, units);
        abi.CheckAllocation(pointer, units, 1);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < 0x80)
            {
                abi.Memory.WriteByte(pointer + (uint)i, (byte)text[i]);
                continue;
            }
            pointer = abi.Realloc(pointer, units, 1, worstCase);
            abi.CheckAllocation(pointer, worstCase, 1);
            var encoded = StrictUtf8.GetBytes(text);
            encoded.AsSpan(i).CopyTo(abi.Memory.GetSpan(pointer + (uint)i, encoded.Length - i));
            if (worstCase > encoded.Length)
            {
                pointer = abi.Realloc(pointer, worstCase, 1, (uint)encoded.Length);
                abi.CheckAllocation(pointer, (ulong)encoded.Length, 1);
            }
            return (pointer, (uint)encoded.Length);
        }
        return (pointer, units);
    }

    private static (uint, uint) Utf8ToUtf16(CanonicalAbi abi, string text, uint units)
    {
        var worstCase = 2 * units;
        var pointer = abi.Realloc(0, 0, 2, worstCase);
        abi.CheckAllocation(pointer, worstCase, 2);
        var encoded = Encoding.Unicode.GetBytes(text);
        encoded.CopyTo(abi.Memory.GetSpan(pointer, encoded.Length));
        if (encoded.Length < worstCase)
        {
            pointer = abi.Realloc(pointer, worstCase, 2, (uint)encoded.Length);
            abi.CheckAllocation(pointer, (ulong)encoded.Length, 2);
        }
        return (pointer, (uint)encoded.Length / 2);
    }

    private static (uint, uint) ToLatin1OrUtf16(CanonicalAbi abi, string text, uint units)
    {
        var pointer = abi.Realloc(0, 0, 2, units);
        abi.CheckAllocation(pointer, units, 2);
        var written = 0u;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x100)
            {
                abi.Memory.WriteByte(pointer + written++, (byte)rune.Value);
                continue;
            }
            var worstCase = 2 * units;
            pointer = abi.Realloc(pointer, units, 2, worstCase);
            abi.CheckAllocation(pointer, worstCase, 2);
            // Widen the Latin-1 bytes written so far to UTF-16, from the end so nothing is overwritten.
            var memory = abi.Memory;
            for (var j = (int)written - 1; j >= 0; j--)
            {
                memory.WriteByte(pointer + (uint)(2 * j), memory.ReadByte(pointer + (uint)j));
                memory.WriteByte(pointer + (uint)(2 * j + 1), 0);
            }
            var encoded = Encoding.Unicode.GetBytes(text);
            encoded.AsSpan((int)(2 * written)).CopyTo(memory.GetSpan(pointer + 2 * written, encoded.Length - (int)(2 * written)));
            if (worstCase > encoded.Length)
            {
                pointer = abi.Realloc(pointer, worstCase, 2, (uint)encoded.Length);
                abi.CheckAllocation(pointer, (ulong)encoded.Length, 2);
            }
            return (pointer, (uint)encoded.Length / 2 | Utf16Tag);
        }
        if (written < units)
        {
            pointer = abi.Realloc(pointer, units, 2, written);
            abi.CheckAllocation(pointer, written, 2);
        }
        return (pointer, written);
    }

    private static (uint, uint) ProbablyUtf16ToLatin1OrUtf16(CanonicalAbi abi, string text, uint units)
    {
        var byteLength = 2 * units;
        var pointer = abi.Realloc(0, 0, 2, byteLength);
        abi.CheckAllocation(pointer, byteLength, 2);
        var encoded = Encoding.Unicode.GetBytes(text);
        encoded.CopyTo(abi.Memory.GetSpan(pointer, encoded.Length));
        if (text.Any(c => c >= 0x100)) return (pointer, (uint)encoded.Length / 2 | Utf16Tag);
        var latin1Size = (uint)encoded.Length / 2;
        for (var i = 0u; i < latin1Size; i++) abi.Memory.WriteByte(pointer + i, abi.Memory.ReadByte(pointer + 2 * i));
        pointer = abi.Realloc(pointer, byteLength, 1, latin1Size);
        abi.CheckAllocation(pointer, latin1Size, 1);
        return (pointer, latin1Size);
    }
}
