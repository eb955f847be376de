using System.Globalization;
using System.Text;

namespace Heron.Text;

/// <summary>
/// Writes float constants so that parsing them gives back the same bits: finite values as hexadecimal
/// floats (exact, unlike a decimal spelling), infinities as <c>inf</c>, the canonical NaN as <c>nan</c>
/// and every other NaN with its payload, <c>nan:0x...</c>. The sign is kept for zeros and NaNs too.
/// </summary>
internal static class FloatFormatter
{
    /// <summary>Appends the f32 whose bits are <paramref name="bits"/>.</summary>
    public static void AppendF32(StringBuilder text, uint bits) => Append(text, bits, 23, 8);

    /// <summary>Appends the f64 whose bits are <paramref name="bits"/>.</summary>
    public static void AppendF64(StringBuilder text, ulong bits) => Append(text, bits, 52, 11);

    /// <summary>
    /// Appends a decimal rendering as a block comment, <c>(;=1.5;)</c>, for readers; nothing for
    /// infinities and NaNs, whose spelling is already plain.
    /// </summary>
    public static void AppendDecimalComment(StringBuilder text, ulong bits, bool isF64)
    {
        if (isF64)
        {
            var value = BitConverter.UInt64BitsToDouble(bits);
            if (!double.IsFinite(value)) return;
            text.Append(" (;=").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(";)");
        }
        else
        {
            var value = BitConverter.UInt32BitsToSingle((uint)bits);
            if (!float.IsFinite(value)) return;
            text.Append(" (;=").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(";)");
        }
    }

    /// <summary>The f32 whose bits are <paramref name="bits"/>, as text.</summary>
    public static string FormatF32(uint bits)
    {
        var text = new StringBuilder();
        AppendF32(text, bits);
        return text.ToString();
    }

    /// <summary>The f64 whose bits are <paramref name="bits"/>, as text.</summary>
    public static string FormatF64(ulong bits)
    {
        var text = new StringBuilder();
        AppendF64(text, bits);
        return text.ToString();
    }

    private static void Append(StringBuilder text, ulong bits, int mantissaBits, int exponentBits)
    {
        var mantissa = bits & ((1UL << mantissaBits) - 1);
        var exponentMax = (1 << exponentBits) - 1;
        var exponent = (int)(bits >> mantissaBits) & exponentMax;
        if (((bits >> (mantissaBits + exponentBits)) & 1) != 0) text.Append('-');
        if (exponent == exponentMax)
        {
            if (mantissa == 0) text.Append("inf");
            else if (mantissa == 1UL << (mantissaBits - 1)) text.Append("nan");
            else text.Append("nan:0x").Append(mantissa.ToString("x", CultureInfo.InvariantCulture));
            return;
        }
        if (exponent == 0 && mantissa == 0)
        {
            text.Append("0x0p+0");
            return;
        }
        var bias = (1 << (exponentBits - 1)) - 1;
        // Subnormals keep the leading 0 and the minimum exponent: exact, and simpler than renormalising.
        text.Append(exponent == 0 ? "0x0" : "0x1");
        // Widen the fraction to whole hex digits, then drop trailing zero digits.
        var digits = (mantissaBits + 3) / 4;
        var fraction = mantissa << (digits * 4 - mantissaBits);
        if (fraction != 0)
        {
            while ((fraction & 0xF) == 0)
            {
                fraction >>= 4;
                digits--;
            }
            text.Append('.');
            for (var i = digits - 1; i >= 0; i--) text.Append("0123456789abcdef"[(int)(fraction >> (i * 4)) & 0xF]);
        }
        var power = (exponent == 0 ? 1 : exponent) - bias;
        text.Append('p').Append(power >= 0 ? "+" : "").Append(power);
    }
}
