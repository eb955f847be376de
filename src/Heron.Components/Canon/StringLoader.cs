using System.Text;

namespace Heron.Components.Canon;

/// <summary>
/// Reading a string the guest passed (a pointer and a length in code units, tagged for latin1+utf16), with
/// the checks the canonical ABI makes: the length within the maximum, the bytes inside memory and aligned,
/// the text valid in its encoding.
/// </summary>
internal static class StringLoader
{
    private const uint MaxStringByteLength = (1u << 28) - 1;
    private const uint Utf16Tag = 1u << 31;
    private static readonly UnicodeEncoding StrictUtf16 = new(false, false, throwOnInvalidBytes: true);

    public static unsafe string Load(CanonicalAbi abi, uint pointer, uint taggedCodeUnits)
    {
        var encoding = abi.Options.Encoding;
        int alignment;
        ulong byteLength;
        Encoding decoder;
        switch (encoding)
        {
            case StringEncoding.Utf8:
                (alignment, byteLength, decoder) = (1, taggedCodeUnits, CanonicalAbi.StrictUtf8);
                break;
            case StringEncoding.Utf16:
                (alignment, byteLength, decoder) = (2, 2ul * taggedCodeUnits, StrictUtf16);
                break;
            default:
                alignment = 2;
                if ((taggedCodeUnits & Utf16Tag) != 0) (byteLength, decoder) = (2ul * (taggedCodeUnits ^ Utf16Tag), StrictUtf16);
                else (byteLength, decoder) = (taggedCodeUnits, Encoding.Latin1);
                break;
        }
        CanonTrap.If(byteLength > MaxStringByteLength, "string length exceeds the maximum");
        var memory = abi.LinearMemory ?? throw CanonTrap.Create("a canonical option needs a memory and none was given");
        if (pointer % (uint)alignment != 0) throw CanonTrap.Create($"unaligned pointer: string pointer not aligned to {alignment}");
        CanonTrap.If(pointer + byteLength > memory.Length, "string content out-of-bounds: string pointer/length out of bounds of memory");
        var bytes = new ReadOnlySpan<byte>(memory.Base + pointer, (int)byteLength);
        try
        {
            return decoder.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw CanonTrap.Create(InvalidStringMessage(encoding, bytes));
        }
    }

    private static string InvalidStringMessage(StringEncoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding != StringEncoding.Utf8) return "invalid utf-16 string";
        var scratch = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, scratch, out _, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return status == System.Buffers.OperationStatus.NeedMoreData
            ? "invalid utf-8: incomplete utf-8 byte sequence"
            : "invalid utf-8";
    }
}
