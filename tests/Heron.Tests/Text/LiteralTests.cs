using Heron.Text;

namespace Heron.Tests.Text;

/// <summary>Integer and float literals: forms, underscores, ranges, hex floats, NaN payloads.</summary>
public sealed class LiteralTests
{
    [Theory]
    [InlineData("0", 32, 0UL)]
    [InlineData("1_000_000", 32, 1_000_000UL)]
    [InlineData("0xFFFF_FFFF", 32, 0xFFFF_FFFFUL)]
    [InlineData("-1", 32, 0xFFFF_FFFFUL)]
    [InlineData("-0x8000_0000", 32, 0x8000_0000UL)]
    [InlineData("+42", 32, 42UL)]
    [InlineData("18446744073709551615", 64, ulong.MaxValue)]
    [InlineData("-9223372036854775808", 64, 0x8000_0000_0000_0000UL)]
    public void IntegersParse(string text, int bits, ulong expected)
    {
        Assert.Equal(NumberParser.Status.Ok, NumberParser.ParseInt(text, bits, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("4294967296", 32, true)]
    [InlineData("-2147483649", 32, true)]
    [InlineData("18446744073709551616", 64, true)]
    [InlineData("1__0", 32, false)]
    [InlineData("_1", 32, false)]
    [InlineData("1_", 32, false)]
    [InlineData("0x", 32, false)]
    [InlineData("1.0", 32, false)]
    public void BadIntegersAreRejected(string text, int bits, bool outOfRange) =>
        Assert.Equal(outOfRange ? NumberParser.Status.OutOfRange : NumberParser.Status.Malformed, NumberParser.ParseInt(text, bits, out _));

    [Theory]
    [InlineData("0", 0x0000_0000u)]
    [InlineData("-0", 0x8000_0000u)]
    [InlineData("1.5", 0x3FC0_0000u)]
    [InlineData("1e1", 0x4120_0000u)]
    [InlineData("1.", 0x3F80_0000u)]
    [InlineData("0x1p-149", 0x0000_0001u)]
    [InlineData("0x1.fffffep127", 0x7F7F_FFFFu)]
    [InlineData("0x1.000001p0", 0x3F80_0000u)] // the tie rounds to even
    [InlineData("0x1.000003p0", 0x3F80_0002u)] // the tie rounds to even, upwards
    [InlineData("0x1.0000010000000001p0", 0x3F80_0001u)] // just above the tie
    [InlineData("0x.8", 0u)] // placeholder replaced below: malformed
    [InlineData("inf", 0x7F80_0000u)]
    [InlineData("-inf", 0xFF80_0000u)]
    [InlineData("nan", 0x7FC0_0000u)]
    [InlineData("-nan:0x1", 0xFF80_0001u)]
    [InlineData("nan:0x7f_ffff", 0x7FFF_FFFFu)]
    [InlineData("1_000.000_1", 0x447A_0002u)] // 1000.0001 is 1.6 ulps above 1000
    [InlineData("3.4028235677973366e38", 0x7F7F_FFFFu)] // just below the rounding threshold to infinity
    public void F32LiteralsParse(string text, uint expected)
    {
        var status = FloatParser.ParseF32(text, out var bits);
        if (text == "0x.8")
        {
            Assert.Equal(NumberParser.Status.Malformed, status);
            return;
        }
        Assert.Equal(NumberParser.Status.Ok, status);
        Assert.Equal(expected.ToString("X8"), bits.ToString("X8"));
    }

    [Theory]
    [InlineData("0x1p-1074", 0x0000_0000_0000_0001UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFFUL)]
    [InlineData("2.2250738585072014e-308", 0x0010_0000_0000_0000UL)]
    [InlineData("-nan:0xf_ffff_ffff_ffff", 0xFFFF_FFFF_FFFF_FFFFUL)]
    [InlineData("0x1P+4", 0x4030_0000_0000_0000UL)]
    public void F64LiteralsParse(string text, ulong expected)
    {
        Assert.Equal(NumberParser.Status.Ok, FloatParser.ParseF64(text, out var bits));
        Assert.Equal(expected.ToString("X16"), bits.ToString("X16"));
    }

    [Theory]
    [InlineData("1e39")]
    [InlineData("0x1p128")]
    [InlineData("nan:0x80_0000")]
    [InlineData("nan:0x0")]
    public void F32OutOfRange(string text) => Assert.Equal(NumberParser.Status.OutOfRange, FloatParser.ParseF32(text, out _));

    [Theory]
    [InlineData("1e")]
    [InlineData("1.e+")]
    [InlineData(".5")]
    [InlineData("1__0.0")]
    [InlineData("0x1p")]
    [InlineData("infinity")]
    public void MalformedFloats(string text) => Assert.Equal(NumberParser.Status.Malformed, FloatParser.ParseF64(text, out _));
}
