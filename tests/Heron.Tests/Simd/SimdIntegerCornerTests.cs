using System.Runtime.Intrinsics;

namespace Heron.Tests.Simd;

/// <summary>Integer lanes where .NET's or the hardware's default differs from WebAssembly.</summary>
public sealed class SimdIntegerCornerTests
{
    [Theory]
    [InlineData("i8x16.shl", 9, 2)]
    [InlineData("i8x16.shr_u", 8, 0x81)]
    [InlineData("i16x8.shl", 17, 2)]
    [InlineData("i32x4.shl", 33, 2)]
    [InlineData("i64x2.shl", 65, 2)]
    [InlineData("i64x2.shl", -63, 2)]
    public void ShiftCountsAreTakenModuloTheLaneWidth(string instruction, int count, int expectedLowByte)
    {
        var input = instruction == "i8x16.shr_u" ? Vector128.Create((byte)0x81) : Vector128.Create(1L).AsByte();
        Assert.Equal((byte)expectedLowByte, SimdOps.Shift(instruction, input, count)[0]);
    }

    [Fact]
    public void ArithmeticShiftRightOfBytesKeepsTheSign()
    {
        Assert.Equal(Vector128.Create((sbyte)-64), SimdOps.Shift("i8x16.shr_s", Vector128.Create((sbyte)-128).AsByte(), 9).AsSByte());
    }

    [Fact]
    public void SwizzleSelectsZeroForIndicesOfSixteenAndAbove()
    {
        var a = Vector128.Create((byte)10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
        var indices = Vector128.Create((byte)15, 16, 0, 17, 0x80, 0xFF, 1, 31, 112, 2, 3, 4, 5, 6, 7, 8);
        Assert.Equal(Vector128.Create((byte)25, 0, 10, 0, 0, 0, 11, 0, 0, 12, 13, 14, 15, 16, 17, 18), SimdOps.Binary("i8x16.swizzle", a, indices));
    }

    [Fact]
    public void ShuffleTakesLanesFromBothOperands()
    {
        var a = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var b = a + Vector128.Create((byte)100);
        var r = SimdOps.Binary("i8x16.shuffle 31 0 16 15 1 17 2 18 3 19 4 20 5 21 6 30", a, b);
        Assert.Equal(Vector128.Create((byte)115, 0, 100, 15, 1, 101, 2, 102, 3, 103, 4, 104, 5, 105, 6, 114), r);
    }

    [Fact]
    public void AbsOfTheMinimumWraps()
    {
        Assert.Equal(Vector128.Create(sbyte.MinValue), SimdOps.Unary("i8x16.abs", Vector128.Create(sbyte.MinValue).AsByte()).AsSByte());
        Assert.Equal(Vector128.Create(int.MinValue, 5, 5, 0), SimdOps.Unary("i32x4.abs", Vector128.Create(int.MinValue, -5, 5, 0).AsByte()).AsInt32());
        Assert.Equal(Vector128.Create(long.MinValue, 9L), SimdOps.Unary("i64x2.abs", Vector128.Create(long.MinValue, -9L).AsByte()).AsInt64());
    }

    [Fact]
    public void NarrowSaturatesSignedInputsToTheNarrowRange()
    {
        var a = Vector128.Create((short)300, -300, 127, -128, 255, 256, -1, 0).AsByte();
        Assert.Equal(Vector128.Create((sbyte)127, -128, 127, -128, 127, 127, -1, 0, 127, -128, 127, -128, 127, 127, -1, 0),
            SimdOps.Binary("i8x16.narrow_i16x8_s", a, a).AsSByte());
        Assert.Equal(Vector128.Create((byte)255, 0, 127, 0, 255, 255, 0, 0, 255, 0, 127, 0, 255, 255, 0, 0),
            SimdOps.Binary("i8x16.narrow_i16x8_u", a, a));
        var w = Vector128.Create(70000, -70000, 65535, -1).AsByte();
        Assert.Equal(Vector128.Create((ushort)65535, 0, 65535, 0, 65535, 0, 65535, 0), SimdOps.Binary("i16x8.narrow_i32x4_u", w, w).AsUInt16());
    }

    [Fact]
    public void Q15MulrSaturatesTheOneOverflowingProduct()
    {
        var a = Vector128.Create(short.MinValue, short.MinValue, 16384, -16384, 1, 0x4000, 3, 32767).AsByte();
        var b = Vector128.Create(short.MinValue, short.MaxValue, 16384, 16384, 16384, 1, -1, 32767).AsByte();
        Assert.Equal(Vector128.Create((short)32767, -32767, 8192, -8192, 1, 1, 0, 32766), SimdOps.Binary("i16x8.q15mulr_sat_s", a, b).AsInt16());
    }

    [Fact]
    public void DotProductWrapsWhenAllInputsAreTheMinimum()
    {
        var a = Vector128.Create(short.MinValue, short.MinValue, 1, 2, 3, 4, -5, 6).AsByte();
        Assert.Equal(Vector128.Create(int.MinValue, 1 + 4, 9 + 16, 25 + 36), SimdOps.Binary("i32x4.dot_i16x8_s", a, a).AsInt32());
    }

    [Fact]
    public void ExtendedMultipliesAreExactInTheWideLanes()
    {
        var a = Vector128.Create(int.MinValue, -1, int.MaxValue, 2).AsByte();
        Assert.Equal(Vector128.Create(1L << 62, 1L), SimdOps.Binary("i64x2.extmul_low_i32x4_s", a, a).AsInt64());
        var unsigned = SimdOps.Binary("i64x2.extmul_low_i32x4_u", a, Vector128.Create(uint.MaxValue, 0x8000_0000u, 0u, 0u).AsByte());
        Assert.Equal(Vector128.Create(0x7FFF_FFFF_8000_0000ul, 0x7FFF_FFFF_8000_0000ul), unsigned.AsUInt64());
        var bytes = Vector128.Create((byte)255, 128, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(Vector128.Create((short)1, 16384, 0, 0, 0, 0, 0, 0), SimdOps.Binary("i16x8.extmul_low_i8x16_s", bytes, bytes).AsInt16());
        Assert.Equal(Vector128.Create((ushort)40000, 0, 0, 0, 0, 0, 0, 0), SimdOps.Binary("i16x8.extmul_high_i8x16_u", bytes, bytes).AsUInt16());
    }

    [Fact]
    public void ExtaddPairwiseWidensBeforeAdding()
    {
        var bytes = Vector128.Create((byte)255, 255, 128, 128, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 127, 127);
        Assert.Equal(Vector128.Create((short)-2, -256, 3, 0, 0, 0, 0, 254), SimdOps.Unary("i16x8.extadd_pairwise_i8x16_s", bytes).AsInt16());
        Assert.Equal(Vector128.Create((ushort)510, 256, 3, 0, 0, 0, 0, 254), SimdOps.Unary("i16x8.extadd_pairwise_i8x16_u", bytes).AsUInt16());
        var shorts = Vector128.Create((ushort)65535, 65535, 32768, 32768, 1, 2, 0, 0).AsByte();
        Assert.Equal(Vector128.Create(-2, -65536, 3, 0), SimdOps.Unary("i32x4.extadd_pairwise_i16x8_s", shorts).AsInt32());
        Assert.Equal(Vector128.Create(131070, 65536, 3, 0), SimdOps.Unary("i32x4.extadd_pairwise_i16x8_u", shorts).AsInt32());
    }

    [Fact]
    public void AverageRoundsUpWithoutOverflowing()
    {
        var a = Vector128.Create((byte)255, 0, 1, 2, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var b = Vector128.Create((byte)254, 1, 2, 2, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(Vector128.Create((byte)255, 1, 2, 2, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), SimdOps.Binary("i8x16.avgr_u", a, b));
        Assert.Equal(Vector128.Create((ushort)65535, 1, 0, 0, 0, 0, 0, 0), SimdOps.Binary("i16x8.avgr_u", Vector128.Create((ushort)65535, 1, 0, 0, 0, 0, 0, 0).AsByte(), Vector128.Create((ushort)65534, 0, 0, 0, 0, 0, 0, 0).AsByte()).AsUInt16());
    }

    [Fact]
    public void PopcntCountsTheBitsOfEachByte()
    {
        var a = Vector128.Create((byte)0, 1, 3, 7, 15, 31, 63, 127, 255, 0x80, 0xAA, 0x55, 0xF0, 0x0F, 0x11, 0xFE);
        Assert.Equal(Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 4, 4, 4, 4, 2, 7), SimdOps.Unary("i8x16.popcnt", a));
    }

    [Fact]
    public void BitmaskGathersTheTopBitOfEachLane()
    {
        var a = Vector128.Create(0x8000_0000u, 1u, 0xFFFF_FFFFu, 0x7FFF_FFFFu).AsByte();
        Assert.Equal(0b0101, SimdOps.Test("i32x4.bitmask", a));
        Assert.Equal(0b0111_0010, SimdOps.Test("i16x8.bitmask", a));
        Assert.Equal(0b0111_1111_0000_1000, SimdOps.Test("i8x16.bitmask", a));
        Assert.Equal(0b10, SimdOps.Test("i64x2.bitmask", Vector128.Create(long.MaxValue, -1L).AsByte()));
    }

    [Fact]
    public void AllTrueLooksAtEveryLaneOfItsShape()
    {
        var a = Vector128.Create(0x0000_0100u, 1u, 1u, 1u).AsByte();
        Assert.Equal(1, SimdOps.Test("i32x4.all_true", a));
        Assert.Equal(0, SimdOps.Test("i16x8.all_true", a));
        Assert.Equal(0, SimdOps.Test("i8x16.all_true", a));
        Assert.Equal(1, SimdOps.Test("v128.any_true", a));
        Assert.Equal(0, SimdOps.Test("v128.any_true", Vector128<byte>.Zero));
    }
}
