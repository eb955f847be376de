using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Relaxed SIMD (3.0). Each instruction takes one of the behaviours the proposal allows, always the
/// same one, so results are deterministic: the deterministic counterpart where there is one (swizzle,
/// trunc_sat, bitselect, min/max, q15mulr_sat), unfused multiply-add, and a signed second operand for
/// the dot products with wrapping sums. Named as their <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdRelaxed
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V I8x16RelaxedSwizzle(V a, V s) => SimdLanes.I8x16Swizzle(a, s);
    [MethodImpl(Hot)] public static V I32x4RelaxedTruncF32x4S(V a) => SimdConversions.I32x4TruncSatF32x4S(a);
    [MethodImpl(Hot)] public static V I32x4RelaxedTruncF32x4U(V a) => SimdConversions.I32x4TruncSatF32x4U(a);
    [MethodImpl(Hot)] public static V I32x4RelaxedTruncF64x2SZero(V a) => SimdConversions.I32x4TruncSatF64x2SZero(a);
    [MethodImpl(Hot)] public static V I32x4RelaxedTruncF64x2UZero(V a) => SimdConversions.I32x4TruncSatF64x2UZero(a);
    [MethodImpl(Hot)] public static V F32x4RelaxedMadd(V a, V b, V c) => (a.AsSingle() * b.AsSingle() + c.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4RelaxedNmadd(V a, V b, V c) => (c.AsSingle() - a.AsSingle() * b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F64x2RelaxedMadd(V a, V b, V c) => (a.AsDouble() * b.AsDouble() + c.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2RelaxedNmadd(V a, V b, V c) => (c.AsDouble() - a.AsDouble() * b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V I8x16RelaxedLaneselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(Hot)] public static V I16x8RelaxedLaneselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(Hot)] public static V I32x4RelaxedLaneselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(Hot)] public static V I64x2RelaxedLaneselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(Hot)] public static V F32x4RelaxedMin(V a, V b) => SimdFloatArithmetic.F32x4Min(a, b);
    [MethodImpl(Hot)] public static V F32x4RelaxedMax(V a, V b) => SimdFloatArithmetic.F32x4Max(a, b);
    [MethodImpl(Hot)] public static V F64x2RelaxedMin(V a, V b) => SimdFloatArithmetic.F64x2Min(a, b);
    [MethodImpl(Hot)] public static V F64x2RelaxedMax(V a, V b) => SimdFloatArithmetic.F64x2Max(a, b);
    [MethodImpl(Hot)] public static V I16x8RelaxedQ15mulrS(V a, V b) => SimdIntegerArithmetic.I16x8Q15mulrSatS(a, b);

    /// <summary>Sums of adjacent products of signed bytes, wrapping to 16 bits.</summary>
    [MethodImpl(Hot)]
    public static V I16x8RelaxedDotI8x16I7x16S(V a, V b)
    {
        var x = a.AsInt16();
        var y = b.AsInt16();
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 8), 8) * Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(y, 8), 8);
        var odd = Vector128.ShiftRightArithmetic(x, 8) * Vector128.ShiftRightArithmetic(y, 8);
        return (even + odd).AsByte();
    }

    /// <summary>The 16-bit dot products above, summed in adjacent pairs to 32 bits, plus c.</summary>
    [MethodImpl(Hot)]
    public static V I32x4RelaxedDotI8x16I7x16AddS(V a, V b, V c)
    {
        var pairs = I16x8RelaxedDotI8x16I7x16S(a, b).AsInt32();
        var sums = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(pairs, 16), 16) + Vector128.ShiftRightArithmetic(pairs, 16);
        return (sums + c.AsInt32()).AsByte();
    }
}
