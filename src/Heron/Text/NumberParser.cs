namespace Heron.Text;

/// <summary>
/// Integer literals of the text format: decimal or <c>0x</c> hexadecimal digits with single underscores
/// between digits, and an optional sign where the grammar allows one.
/// </summary>
internal static class NumberParser
{
    /// <summary>The outcome of reading a literal.</summary>
    public enum Status : byte { Ok, Malformed, OutOfRange }

    /// <summary>An unsigned literal (no sign) into <paramref name="value"/>; OutOfRange above <paramref name="max"/>.</summary>
    public static Status ParseNat(ReadOnlySpan<char> s, ulong max, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || s[0] is '+' or '-') return Status.Malformed;
        var status = ParseMagnitude(s, out var mag, out var overflow);
        if (status != Status.Ok) return status;
        if (overflow || mag > max) return Status.OutOfRange;
        value = mag;
        return Status.Ok;
    }

    /// <summary>
    /// An integer of <paramref name="bits"/> bits, signed or unsigned (the range -2^(n-1) .. 2^n-1), as its
    /// two's complement bit pattern.
    /// </summary>
    public static Status ParseInt(ReadOnlySpan<char> s, int bits, out ulong value)
    {
        value = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var status = ParseMagnitude(s, out var mag, out var overflow);
        if (status != Status.Ok) return status;
        if (overflow) return Status.OutOfRange;
        var unsignedMax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var negativeMax = 1UL << (bits - 1);
        if (negative ? mag > negativeMax : mag > unsignedMax) return Status.OutOfRange;
        value = (negative ? 0UL - mag : mag) & unsignedMax;
        return Status.Ok;
    }

    private static Status ParseMagnitude(ReadOnlySpan<char> s, out ulong value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var hex = s.Length > 2 && s[0] == '0' && s[1] == 'x';
        if (hex) s = s[2..];
        if (s.Length == 0) return Status.Malformed;
        var radix = hex ? 16u : 10u;
        var previousWasDigit = false;
        foreach (var c in s)
        {
            if (c == '_')
            {
                if (!previousWasDigit) return Status.Malformed;
                previousWasDigit = false;
                continue;
            }
            var d = hex ? StringLiteral.HexValue(c) : c is >= '0' and <= '9' ? c - '0' : -1;
            if (d < 0) return Status.Malformed;
            if (value > (ulong.MaxValue - (ulong)d) / radix) overflow = true;
            value = value * radix + (ulong)d;
            previousWasDigit = true;
        }
        return previousWasDigit ? Status.Ok : Status.Malformed;
    }
}
