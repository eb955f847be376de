namespace Heron.Tests.Runtime;

public sealed class ArithmeticTests
{
    private static readonly Instance Numbers = Wasm.Instantiate("""
        (module
          (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
          (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
          (func (export "i64.rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
          (func (export "i32.shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
          (func (export "i64.shr_u") (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
          (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "i32.trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
          (func (export "i64.trunc_f64_s") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
          (func (export "i32.trunc_sat_f32_s") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
          (func (export "i64.trunc_sat_f64_u") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
          (func (export "f32.neg") (param f32) (result f32) (f32.neg (local.get 0)))
          (func (export "f32.abs") (param f32) (result f32) (f32.abs (local.get 0)))
          (func (export "f64.neg") (param f64) (result f64) (f64.neg (local.get 0)))
          (func (export "f32.copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
          (func (export "f32.reinterpret") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
          (func (export "i32.reinterpret") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
          (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "f32.max") (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
          (func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
          (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
          (func (export "f64.nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
          (func (export "f32.sub_zero") (param f32) (result f32) (f32.sub (local.get 0) (f32.const 0)))
          (func (export "f32.snan") (result i32) (i32.reinterpret_f32 (f32.neg (f32.const nan:0x200001))))
          (func (export "f32.convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
          (func (export "f32.add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))
        """);

    [Fact]
    public void SignedDivisionOfMinimumByMinusOneTrapsWithIntegerOverflow()
    {
        Assert.Equal("integer overflow", Wasm.Traps(() => Numbers.Call("i32.div_s", int.MinValue, -1)).Reason);
        Assert.Equal(TrapCode.IntegerOverflow, Wasm.Traps(() => Numbers.Call("i64.div_s", long.MinValue, -1L)).Code);
    }

    [Fact]
    public void DivisionByZeroTraps()
    {
        Assert.Equal("integer divide by zero", Wasm.Traps(() => Numbers.Call("i32.div_u", 1, 0)).Reason);
        Assert.Equal(TrapCode.IntegerDivisionByZero, Wasm.Traps(() => Numbers.Call("i32.rem_s", 1, 0)).Code);
    }

    [Fact]
    public void RemainderByMinusOneIsZero()
    {
        Assert.Equal(0, Numbers.Call("i32.rem_s", int.MinValue, -1)[0].AsI32());
        Assert.Equal(0L, Numbers.Call("i64.rem_s", long.MinValue, -1L)[0].AsI64());
        Assert.Equal(-1, Numbers.Call("i32.rem_s", -7, 2)[0].AsI32());
    }

    [Fact]
    public void ShiftCountsWrapAroundTheWidth()
    {
        Assert.Equal(2, Numbers.Call("i32.shl", 1, 33)[0].AsI32());
        Assert.Equal(1L, Numbers.Call("i64.shr_u", long.MinValue, 127L)[0].AsI64());
    }

    [Fact]
    public void TruncationChecksRangeAndNaN()
    {
        Assert.Equal(-2147483648, Numbers.Call("i32.trunc_f32_s", -2147483648f)[0].AsI32());
        Assert.Equal("integer overflow", Wasm.Traps(() => Numbers.Call("i32.trunc_f32_s", 2147483648f)).Reason);
        Assert.Equal("invalid conversion to integer", Wasm.Traps(() => Numbers.Call("i32.trunc_f32_s", float.NaN)).Reason);
        Assert.Equal(-1, Numbers.Call("i32.trunc_f64_u", 4294967295.9)[0].AsI32());
        Assert.Equal(0, Numbers.Call("i32.trunc_f64_u", -0.9)[0].AsI32());
        Assert.Equal("integer overflow", Wasm.Traps(() => Numbers.Call("i32.trunc_f64_u", -1.0)).Reason);
        Assert.Equal("integer overflow", Wasm.Traps(() => Numbers.Call("i64.trunc_f64_s", 9223372036854775808.0)).Reason);
    }

    [Fact]
    public void SaturatingTruncationClamps()
    {
        Assert.Equal(int.MaxValue, Numbers.Call("i32.trunc_sat_f32_s", 1e10f)[0].AsI32());
        Assert.Equal(int.MinValue, Numbers.Call("i32.trunc_sat_f32_s", float.NegativeInfinity)[0].AsI32());
        Assert.Equal(0, Numbers.Call("i32.trunc_sat_f32_s", float.NaN)[0].AsI32());
        Assert.Equal(-1L, Numbers.Call("i64.trunc_sat_f64_u", 1e30)[0].AsI64());
        Assert.Equal(0L, Numbers.Call("i64.trunc_sat_f64_u", -5.0)[0].AsI64());
    }

    [Fact]
    public void SignOperationsKeepNaNPayloads()
    {
        const uint signalling = 0x7FA00001;
        Assert.Equal(0xFFA00001u, Numbers.Call("f32.neg", Value.F32Bits(signalling))[0].AsF32Bits());
        Assert.Equal(0x7FA00001u, Numbers.Call("f32.abs", Value.F32Bits(0xFFA00001))[0].AsF32Bits());
        Assert.Equal(0xFFA00001u, Numbers.Call("f32.copysign", Value.F32Bits(signalling), -1f)[0].AsF32Bits());
        Assert.Equal(0xFFF4000000000001ul, Numbers.Call("f64.neg", Value.F64Bits(0x7FF4000000000001))[0].AsF64Bits());
        Assert.Equal(signalling, Numbers.Call("f32.reinterpret", unchecked((int)signalling))[0].AsF32Bits());
        Assert.Equal(unchecked((int)signalling), Numbers.Call("i32.reinterpret", Value.F32Bits(signalling))[0].AsI32());
        Assert.Equal(unchecked((int)0xFFA00001), Numbers.Call("f32.snan")[0].AsI32());
    }

    [Fact]
    public void ArithmeticOnSignallingNaNGivesQuietNaN()
    {
        Assert.Equal(0x7FE00000u, Numbers.Call("f32.sub_zero", Value.F32Bits(0x7FA00000))[0].AsF32Bits());
    }

    [Fact]
    public void MinAndMaxOrderSignedZerosAndPropagateNaN()
    {
        Assert.Equal(0x80000000u, Numbers.Call("f32.min", 0f, -0f)[0].AsF32Bits());
        Assert.Equal(0x80000000u, Numbers.Call("f32.min", -0f, 0f)[0].AsF32Bits());
        Assert.Equal(0u, Numbers.Call("f32.max", -0f, 0f)[0].AsF32Bits());
        Assert.Equal(0x8000000000000000ul, Numbers.Call("f64.min", 0.0, -0.0)[0].AsF64Bits());
        Assert.Equal(0ul, Numbers.Call("f64.max", 0.0, -0.0)[0].AsF64Bits());
        Assert.Equal(0x7FC00000u, Numbers.Call("f32.min", float.NaN, 1f)[0].AsF32Bits() & 0x7FFFFFFF);
        Assert.Equal(0x7FC00000u, Numbers.Call("f32.max", 1f, float.NaN)[0].AsF32Bits() & 0x7FFFFFFF);
        Assert.True(double.IsNaN(Numbers.Call("f64.max", double.NaN, double.PositiveInfinity)[0].AsF64()));
    }

    [Fact]
    public void NearestRoundsHalfToEven()
    {
        Assert.Equal(2f, Numbers.Call("f32.nearest", 2.5f)[0].AsF32());
        Assert.Equal(4f, Numbers.Call("f32.nearest", 3.5f)[0].AsF32());
        Assert.Equal(0x80000000u, Numbers.Call("f32.nearest", -0.5f)[0].AsF32Bits());
        Assert.Equal(-2.0, Numbers.Call("f64.nearest", -2.5)[0].AsF64());
    }

    [Fact]
    public void FloatOperationsUseSinglePrecisionAndCorrectRounding()
    {
        // 16777216 + 1 is not representable in single precision.
        Assert.Equal(16777216f, Numbers.Call("f32.add", 16777216f, 1f)[0].AsF32());
        // Unsigned 64-bit to f32 rounds once (double rounding would give 0x5F800000's neighbour).
        Assert.Equal(9223373136366403584f, Numbers.Call("f32.convert_i64_u", unchecked((long)0x8000008000000001))[0].AsF32());
    }
}
