using System.Runtime.Intrinsics;

namespace Heron.Tests.Simd;

/// <summary>Float lanes where .NET's or the hardware's default differs from WebAssembly.</summary>
public sealed class SimdFloatCornerTests
{
    private static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    [Fact]
    public void F32x4MinIsNaNWhenEitherIsNaNAndOrdersNegativeZeroBelowPositiveZero()
    {
        var a = Vector128.Create(float.NaN, -0f, 0f, 1f).AsByte();
        var b = Vector128.Create(1f, 0f, -0f, float.NaN).AsByte();
        var r = SimdOps.Binary("f32x4.min", a, b).AsSingle();
        Assert.True(float.IsNaN(r[0]));
        Assert.Equal(Bits(-0f), Bits(r[1]));
        Assert.Equal(Bits(-0f), Bits(r[2]));
        Assert.True(float.IsNaN(r[3]));
    }

    [Fact]
    public void F64x2MaxIsNaNWhenEitherIsNaNAndOrdersPositiveZeroAboveNegativeZero()
    {
        var r = SimdOps.Binary("f64x2.max", Vector128.Create(-0d, 2d).AsByte(), Vector128.Create(0d, double.NaN).AsByte()).AsDouble();
        Assert.Equal(BitConverter.DoubleToUInt64Bits(0d), BitConverter.DoubleToUInt64Bits(r[0]));
        Assert.True(double.IsNaN(r[1]));
        var s = SimdOps.Binary("f64x2.max", Vector128.Create(0d, double.NaN).AsByte(), Vector128.Create(-0d, 2d).AsByte()).AsDouble();
        Assert.Equal(BitConverter.DoubleToUInt64Bits(0d), BitConverter.DoubleToUInt64Bits(s[0]));
        Assert.True(double.IsNaN(s[1]));
    }

    [Fact]
    public void MinOfASignallingNaNIsAQuietNaN()
    {
        var signalling = BitConverter.UInt32BitsToSingle(0x7F80_0001);
        var r = SimdOps.Binary("f32x4.min", Vector128.Create(signalling).AsByte(), Vector128.Create(1f).AsByte()).AsUInt32();
        Assert.Equal(0x7FC0_0000u, r[0] & 0x7FC0_0000u);
    }

    [Fact]
    public void PminAndPmaxAreCompareAndSelectKeepingTheFirstOperandOnNaN()
    {
        var a = Vector128.Create(float.NaN, 1f, -0f, 3f).AsByte();
        var b = Vector128.Create(1f, float.NaN, 0f, 2f).AsByte();
        var min = SimdOps.Binary("f32x4.pmin", a, b).AsSingle();
        Assert.True(float.IsNaN(min[0]));
        Assert.Equal(1f, min[1]);
        Assert.Equal(Bits(-0f), Bits(min[2]));
        Assert.Equal(2f, min[3]);
        var max = SimdOps.Binary("f32x4.pmax", a, b).AsSingle();
        Assert.True(float.IsNaN(max[0]));
        Assert.Equal(1f, max[1]);
        Assert.Equal(Bits(-0f), Bits(max[2]));
        Assert.Equal(3f, max[3]);
    }

    [Fact]
    public void NearestRoundsHalfToEven()
    {
        var r = SimdOps.Unary("f32x4.nearest", Vector128.Create(0.5f, 1.5f, 2.5f, -0.5f).AsByte()).AsSingle();
        Assert.Equal(Vector128.Create(0f, 2f, 2f, -0f), r);
        Assert.Equal(Bits(-0f), Bits(r[3]));
        Assert.Equal(Vector128.Create(-2d, 4d), SimdOps.Unary("f64x2.nearest", Vector128.Create(-2.5d, 3.5d).AsByte()).AsDouble());
    }

    [Fact]
    public void NegAndAbsFlipOnlyTheSignBitEvenOfNaN()
    {
        var nan = Vector128.Create(0x7FC0_1234u, 0xFFC0_0001u, 0u, 0x8000_0000u).AsByte();
        Assert.Equal(Vector128.Create(0xFFC0_1234u, 0x7FC0_0001u, 0x8000_0000u, 0u), SimdOps.Unary("f32x4.neg", nan).AsUInt32());
        Assert.Equal(Vector128.Create(0x7FC0_1234u, 0x7FC0_0001u, 0u, 0u), SimdOps.Unary("f32x4.abs", nan).AsUInt32());
    }

    [Fact]
    public void TruncSatF32x4SaturatesAndMapsNaNToZero()
    {
        var a = Vector128.Create(float.NaN, 3e9f, -3e9f, -1.9f).AsByte();
        Assert.Equal(Vector128.Create(0, int.MaxValue, int.MinValue, -1), SimdOps.Unary("i32x4.trunc_sat_f32x4_s", a).AsInt32());
        var u = Vector128.Create(float.NaN, 5e9f, -1f, 3_000_000_000f).AsByte();
        Assert.Equal(Vector128.Create(0u, uint.MaxValue, 0u, 3_000_000_000u), SimdOps.Unary("i32x4.trunc_sat_f32x4_u", u).AsUInt32());
    }

    [Fact]
    public void TruncSatF64x2ZeroSaturatesAndZeroesTheUpperLanes()
    {
        Assert.Equal(Vector128.Create(int.MinValue, 0, 0, 0), SimdOps.Unary("i32x4.trunc_sat_f64x2_s_zero", Vector128.Create(-1e10, double.NaN).AsByte()).AsInt32());
        Assert.Equal(Vector128.Create(uint.MaxValue, 4_294_967_294u, 0u, 0u), SimdOps.Unary("i32x4.trunc_sat_f64x2_u_zero", Vector128.Create(1e10, 4_294_967_294.9).AsByte()).AsUInt32());
    }

    [Fact]
    public void ConvertI32x4URoundsOnceToNearestEven()
    {
        var r = SimdOps.Unary("f32x4.convert_i32x4_u", Vector128.Create(uint.MaxValue, 0x8000_0081u, 16_777_217u, 1u).AsByte()).AsSingle();
        Assert.Equal(Vector128.Create(4294967296f, 2147483904f, 16777216f, 1f), r);
    }

    [Fact]
    public void ConvertLowAndPromoteUseTheTwoLowLanes()
    {
        var ints = Vector128.Create(-1, int.MinValue, 7, 8).AsByte();
        Assert.Equal(Vector128.Create(-1d, int.MinValue), SimdOps.Unary("f64x2.convert_low_i32x4_s", ints).AsDouble());
        Assert.Equal(Vector128.Create(4294967295d, 2147483648d), SimdOps.Unary("f64x2.convert_low_i32x4_u", ints).AsDouble());
        Assert.Equal(Vector128.Create(1.5d, -0.25d), SimdOps.Unary("f64x2.promote_low_f32x4", Vector128.Create(1.5f, -0.25f, 9f, 9f).AsByte()).AsDouble());
    }

    [Fact]
    public void DemoteRoundsToNearestAndZeroesTheUpperLanes()
    {
        var r = SimdOps.Unary("f32x4.demote_f64x2_zero", Vector128.Create(1.0000000596046448d, 1e300).AsByte()).AsSingle();
        Assert.Equal(Vector128.Create(1f, float.PositiveInfinity, 0f, 0f), r);
    }
}
