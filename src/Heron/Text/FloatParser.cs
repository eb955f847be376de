using System.Globalization;
using System.Numerics;

namespace Heron.Text;

/// <summary>
/// Float literals of the text format (decimal, hexadecimal, <c>inf</c>, <c>nan</c>, <c>nan:0x...</c>) to
/// their IEEE bits, rounded to nearest-even. A finite literal that rounds to infinity is out of range.
/// </summary>
internal static class FloatParser
{
    /// <summary>An f32 literal.</summary>
    public static NumberParser.Status ParseF32(ReadOnlySpan<char> s, out uint bits)
    {
        var status = Parse(s, 23, 8, out var raw);
        bits = (uint)raw;
        return status;
    }

    /// <summary>An f64 literal.</summary>
    public static NumberParser.Status ParseF64(ReadOnlySpan<char> s, out ulong bits) => Parse(s, 52, 11, out bits);

    private static NumberParser.Status Parse(ReadOnlySpan<char> s, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var sign = negative ? 1UL << (mantissaBits + exponentBits) : 0;
        var exponentMask = ((1UL << exponentBits) - 1) << mantissaBits;
        if (s.SequenceEqual("inf"))
        {
            bits = sign | exponentMask;
            return NumberParser.Status.Ok;
        }
        if (s.SequenceEqual("nan"))
        {
            bits = sign | exponentMask | (1UL << (mantissaBits - 1));
            return NumberParser.Status.Ok;
        }
        if (s.StartsWith("nan:0x"))
        {
            var status = NumberParser.ParseNat(s[4..], ulong.MaxValue, out var payload);
            if (status != NumberParser.Status.Ok) return status;
            if (payload == 0 || payload >= 1UL << mantissaBits) return NumberParser.Status.OutOfRange;
            bits = sign | exponentMask | payload;
            return NumberParser.Status.Ok;
        }
        var hex = s.Length > 2 && s[0] == '0' && s[1] == 'x';
        if (hex) s = s[2..];
        if (!TrySplit(s, hex, out var intPart, out var fracPart, out var expPart)) return NumberParser.Status.Malformed;
        ulong magnitude;
        bool overflow;
        if (hex)
        {
            magnitude = FromHex(intPart, fracPart, expPart, mantissaBits, exponentBits, out overflow);
        }
        else
        {
            var text = intPart + (fracPart.Length > 0 ? "." + fracPart : "") + (expPart.Length > 0 ? "e" + expPart : "");
            if (mantissaBits == 23)
            {
                var f = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                overflow = float.IsInfinity(f);
                magnitude = BitConverter.SingleToUInt32Bits(f);
            }
            else
            {
                var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                overflow = double.IsInfinity(d);
                magnitude = BitConverter.DoubleToUInt64Bits(d);
            }
        }
        if (overflow) return NumberParser.Status.OutOfRange;
        bits = sign | magnitude;
        return NumberParser.Status.Ok;
    }

    /// <summary>Checks the shape <c>digits (. digits?)? ([eEpP] sign? decdigits)?</c> and strips underscores.</summary>
    private static bool TrySplit(ReadOnlySpan<char> s, bool hex, out string intPart, out string fracPart, out string expPart)
    {
        intPart = fracPart = expPart = "";
        var i = 0;
        if (!ReadDigits(s, ref i, hex, out intPart) || intPart.Length == 0) return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i < s.Length && IsDigit(s[i], hex) && !ReadDigits(s, ref i, hex, out fracPart)) return false;
        }
        if (i < s.Length && (hex ? s[i] is 'p' or 'P' : s[i] is 'e' or 'E'))
        {
            i++;
            var expSign = "";
            if (i < s.Length && s[i] is '+' or '-') expSign = s[i++] == '-' ? "-" : "";
            if (!ReadDigits(s, ref i, false, out var digits) || digits.Length == 0) return false;
            expPart = expSign + digits;
        }
        return i == s.Length;
    }

    private static bool IsDigit(char c, bool hex) => hex ? StringLiteral.HexValue(c) >= 0 : c is >= '0' and <= '9';

    private static bool ReadDigits(ReadOnlySpan<char> s, ref int i, bool hex, out string digits)
    {
        var builder = new System.Text.StringBuilder();
        var previousWasDigit = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '_')
            {
                if (!previousWasDigit) { digits = ""; return false; }
                previousWasDigit = false;
            }
            else if (IsDigit(c, hex))
            {
                builder.Append(c);
                previousWasDigit = true;
            }
            else break;
            i++;
        }
        digits = builder.ToString();
        // An underscore must sit between two digits.
        return builder.Length == 0 || previousWasDigit;
    }

    private static ulong FromHex(string intPart, string fracPart, string expPart, int mantissaBits, int exponentBits, out bool overflow)
    {
        overflow = false;
        var m = BigInteger.Parse("0" + intPart + fracPart, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        long exp = 0;
        if (expPart.Length > 0)
        {
            // Saturate: an exponent this large is out of range (or zero) whatever the digits.
            exp = long.TryParse(expPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e)
                ? Math.Clamp(e, -1_000_000_000L, 1_000_000_000L)
                : expPart[0] == '-' ? -1_000_000_000L : 1_000_000_000L;
        }
        exp -= 4L * fracPart.Length;
        return Round(m, exp, mantissaBits, exponentBits, out overflow);
    }

    /// <summary>The IEEE bits (without sign) of <paramref name="m"/> * 2^<paramref name="e"/>, rounded to nearest-even.</summary>
    public static ulong Round(BigInteger m, long e, int mantissaBits, int exponentBits, out bool overflow)
    {
        overflow = false;
        if (m.IsZero) return 0;
        var bias = (1L << (exponentBits - 1)) - 1;
        var emin = 1 - bias;
        var emax = bias;
        var top = (long)m.GetBitLength() - 1 + e; // exponent of the leading bit
        if (top > emax + 1) { overflow = true; return 0; }
        if (top < emin - mantissaBits - 2) return 0;
        var quantumExp = (top < emin ? emin : top) - mantissaBits;
        var shift = quantumExp - e;
        BigInteger q;
        if (shift > 0)
        {
            q = m >> (int)shift;
            var rem = m - (q << (int)shift);
            var half = BigInteger.One << (int)(shift - 1);
            if (rem > half || (rem == half && !q.IsEven)) q += 1;
        }
        else q = m << (int)-shift;
        var normalBit = BigInteger.One << mantissaBits;
        if (top < emin)
        {
            // Subnormal (or rounded up to the smallest normal, whose encoding is the same integer).
            return (ulong)q;
        }
        if (q >= normalBit << 1) { q >>= 1; top++; }
        if (top > emax) { overflow = true; return 0; }
        return ((ulong)(top + bias) << mantissaBits) | (ulong)(q - normalBit);
    }
}
