using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Integer lane arithmetic: wrapping add/sub/mul/neg/abs, saturating add/sub, min/max, rounding
/// average, q15 multiply, dot product, extended multiply and pairwise add. Named as their
/// <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdIntegerArithmetic
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V I8x16Add(V a, V b) => a + b;
    [MethodImpl(Hot)] public static V I8x16Sub(V a, V b) => a - b;
    [MethodImpl(Hot)] public static V I8x16Neg(V a) => V.Zero - a;
    // Absolute values wrap: abs(INT_MIN) is INT_MIN, which two's complement (x ^ s) - s gives.
    [MethodImpl(Hot)] public static V I8x16Abs(V a) => Vector128.Abs(a.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16AddSatS(V a, V b) => Vector128.AddSaturate(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16AddSatU(V a, V b) => Vector128.AddSaturate(a, b);
    [MethodImpl(Hot)] public static V I8x16SubSatS(V a, V b) => Vector128.SubtractSaturate(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16SubSatU(V a, V b) => Vector128.SubtractSaturate(a, b);
    [MethodImpl(Hot)] public static V I8x16MinS(V a, V b) => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16MinU(V a, V b) => Vector128.Min(a, b);
    [MethodImpl(Hot)] public static V I8x16MaxS(V a, V b) => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16MaxU(V a, V b) => Vector128.Max(a, b);
    [MethodImpl(Hot)] public static V I8x16AvgrU(V a, V b) => Sse2.IsSupported ? Sse2.Average(a, b) : (a | b) - Vector128.ShiftRightLogical(a ^ b, 1);

    [MethodImpl(Hot)] public static V I16x8Add(V a, V b) => (a.AsInt16() + b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8Sub(V a, V b) => (a.AsInt16() - b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8Mul(V a, V b) => (a.AsInt16() * b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8Neg(V a) => (Vector128<short>.Zero - a.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8Abs(V a) => Vector128.Abs(a.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8AddSatS(V a, V b) => Vector128.AddSaturate(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8AddSatU(V a, V b) => Vector128.AddSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8SubSatS(V a, V b) => Vector128.SubtractSaturate(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8SubSatU(V a, V b) => Vector128.SubtractSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8MinS(V a, V b) => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8MinU(V a, V b) => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8MaxS(V a, V b) => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8MaxU(V a, V b) => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(Hot)]
    public static V I16x8AvgrU(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.Average(a.AsUInt16(), b.AsUInt16()).AsByte();
        // ceil((x + y) / 2) without the 17th bit: (x | y) - ((x ^ y) >> 1).
        var x = a.AsUInt16();
        var y = b.AsUInt16();
        return ((x | y) - Vector128.ShiftRightLogical(x ^ y, 1)).AsByte();
    }

    /// <summary>
    /// i16x8.q15mulr_sat_s: (a * b + 0x4000) >> 15, saturated. pmulhrsw computes exactly this except
    /// for -32768 * -32768, where it wraps to -32768 instead of saturating to 32767; that is the only
    /// input giving 0x8000, so those lanes are flipped to 0x7FFF.
    /// </summary>
    [MethodImpl(Hot)]
    public static V I16x8Q15mulrSatS(V a, V b)
    {
        if (Ssse3.IsSupported)
        {
            var r = Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16());
            return (r ^ Vector128.Equals(r, Vector128.Create(short.MinValue))).AsByte();
        }
        var (al, ah) = Vector128.Widen(a.AsInt16());
        var (bl, bh) = Vector128.Widen(b.AsInt16());
        var round = Vector128.Create(0x4000);
        var low = Vector128.ShiftRightArithmetic(al * bl + round, 15);
        var high = Vector128.ShiftRightArithmetic(ah * bh + round, 15);
        return Vector128.NarrowWithSaturation(low, high).AsByte();
    }

    [MethodImpl(Hot)] public static V I32x4Add(V a, V b) => (a.AsInt32() + b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4Sub(V a, V b) => (a.AsInt32() - b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4Mul(V a, V b) => (a.AsInt32() * b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4Neg(V a) => (Vector128<int>.Zero - a.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4Abs(V a) => Vector128.Abs(a.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4MinS(V a, V b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4MinU(V a, V b) => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4MaxS(V a, V b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4MaxU(V a, V b) => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte();

    /// <summary>i32x4.dot_i16x8_s: pmaddwd, whose one overflow (all four inputs -32768) wraps as wasm does.</summary>
    [MethodImpl(Hot)]
    public static V I32x4DotI16x8S(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyAddAdjacent(a.AsInt16(), b.AsInt16()).AsByte();
        var products = EvenOdd(a.AsInt16(), b.AsInt16(), out var odd);
        return (products + odd).AsByte();
    }

    [MethodImpl(Hot)] public static V I64x2Add(V a, V b) => (a.AsInt64() + b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2Sub(V a, V b) => (a.AsInt64() - b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2Mul(V a, V b) => (a.AsInt64() * b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2Neg(V a) => (Vector128<long>.Zero - a.AsInt64()).AsByte();

    [MethodImpl(Hot)]
    public static V I64x2Abs(V a)
    {
        var x = a.AsInt64();
        var sign = Vector128.ShiftRightArithmetic(x, 63);
        return ((x ^ sign) - sign).AsByte();
    }

    // Extended multiplies: widen the chosen half of both operands, then multiply in the wide type
    // (exact: the product of two N-bit values fits in 2N bits).
    [MethodImpl(Hot)] public static V I16x8ExtmulLowI8x16S(V a, V b) => (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtmulHighI8x16S(V a, V b) => (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtmulLowI8x16U(V a, V b) => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtmulHighI8x16U(V a, V b) => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtmulLowI16x8S(V a, V b) => (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtmulHighI16x8S(V a, V b) => (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtmulLowI16x8U(V a, V b) => (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtmulHighI16x8U(V a, V b) => (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtmulLowI32x4S(V a, V b) => (Vector128.WidenLower(a.AsInt32()) * Vector128.WidenLower(b.AsInt32())).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtmulHighI32x4S(V a, V b) => (Vector128.WidenUpper(a.AsInt32()) * Vector128.WidenUpper(b.AsInt32())).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtmulLowI32x4U(V a, V b) => (Vector128.WidenLower(a.AsUInt32()) * Vector128.WidenLower(b.AsUInt32())).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtmulHighI32x4U(V a, V b) => (Vector128.WidenUpper(a.AsUInt32()) * Vector128.WidenUpper(b.AsUInt32())).AsByte();

    // Pairwise adds: viewed as the wide type, each lane holds an (even, odd) pair of narrow lanes; the
    // even one is the low half (sign- or zero-extended by a shift pair or a mask), the odd one the high half.
    [MethodImpl(Hot)]
    public static V I16x8ExtaddPairwiseI8x16S(V a)
    {
        var x = a.AsInt16();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 8), 8) + Vector128.ShiftRightArithmetic(x, 8)).AsByte();
    }

    [MethodImpl(Hot)]
    public static V I16x8ExtaddPairwiseI8x16U(V a)
    {
        var x = a.AsUInt16();
        return ((x & Vector128.Create((ushort)0xFF)) + Vector128.ShiftRightLogical(x, 8)).AsByte();
    }

    [MethodImpl(Hot)]
    public static V I32x4ExtaddPairwiseI16x8S(V a)
    {
        var x = a.AsInt32();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 16), 16) + Vector128.ShiftRightArithmetic(x, 16)).AsByte();
    }

    [MethodImpl(Hot)]
    public static V I32x4ExtaddPairwiseI16x8U(V a)
    {
        var x = a.AsUInt32();
        return ((x & Vector128.Create(0xFFFFu)) + Vector128.ShiftRightLogical(x, 16)).AsByte();
    }

    /// <summary>The products of the even lanes and (in <paramref name="odd"/>) of the odd lanes, as 32-bit lanes.</summary>
    [MethodImpl(Hot)]
    internal static Vector128<int> EvenOdd(Vector128<short> a, Vector128<short> b, out Vector128<int> odd)
    {
        var x = a.AsInt32();
        var y = b.AsInt32();
        odd = Vector128.ShiftRightArithmetic(x, 16) * Vector128.ShiftRightArithmetic(y, 16);
        return Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 16), 16) * Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(y, 16), 16);
    }
}
