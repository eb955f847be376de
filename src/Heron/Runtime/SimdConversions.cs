using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Lane shape changes: saturating narrows, sign/zero extensions, float/integer conversions and
/// float width changes. Named as their <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdConversions
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V I8x16NarrowI16x8S(V a, V b) => Vector128.NarrowWithSaturation(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8NarrowI32x4S(V a, V b) => Vector128.NarrowWithSaturation(a.AsInt32(), b.AsInt32()).AsByte();

    // The unsigned narrows read signed lanes: negatives become 0 first, then an unsigned saturating
    // narrow clamps the top (packuswb / packusdw do both at once).
    [MethodImpl(Hot)]
    public static V I8x16NarrowI16x8U(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.PackUnsignedSaturate(a.AsInt16(), b.AsInt16());
        var zero = Vector128<short>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt16(), zero).AsUInt16(), Vector128.Max(b.AsInt16(), zero).AsUInt16());
    }

    [MethodImpl(Hot)]
    public static V I16x8NarrowI32x4U(V a, V b)
    {
        if (Sse41.IsSupported) return Sse41.PackUnsignedSaturate(a.AsInt32(), b.AsInt32()).AsByte();
        var zero = Vector128<int>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt32(), zero).AsUInt32(), Vector128.Max(b.AsInt32(), zero).AsUInt32()).AsByte();
    }

    [MethodImpl(Hot)] public static V I16x8ExtendLowI8x16S(V a) => Vector128.WidenLower(a.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtendHighI8x16S(V a) => Vector128.WidenUpper(a.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtendLowI8x16U(V a) => Vector128.WidenLower(a).AsByte();
    [MethodImpl(Hot)] public static V I16x8ExtendHighI8x16U(V a) => Vector128.WidenUpper(a).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtendLowI16x8S(V a) => Vector128.WidenLower(a.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtendHighI16x8S(V a) => Vector128.WidenUpper(a.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtendLowI16x8U(V a) => Vector128.WidenLower(a.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I32x4ExtendHighI16x8U(V a) => Vector128.WidenUpper(a.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtendLowI32x4S(V a) => Vector128.WidenLower(a.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtendHighI32x4S(V a) => Vector128.WidenUpper(a.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtendLowI32x4U(V a) => Vector128.WidenLower(a.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I64x2ExtendHighI32x4U(V a) => Vector128.WidenUpper(a.AsUInt32()).AsByte();

    /// <summary>
    /// i32x4.trunc_sat_f32x4_s: cvttps2dq gives 0x80000000 for NaN and for anything out of range. That is
    /// already right for large negatives; lanes at or above 2^31 flip it to 0x7FFFFFFF and NaN lanes are cleared.
    /// </summary>
    [MethodImpl(Hot)]
    public static V I32x4TruncSatF32x4S(V a)
    {
        var x = a.AsSingle();
        if (Sse2.IsSupported)
        {
            var r = Sse2.ConvertToVector128Int32WithTruncation(x);
            r ^= Vector128.GreaterThanOrEqual(x, Vector128.Create(2147483648f)).AsInt32();
            return (r & Vector128.Equals(x, x).AsInt32()).AsByte();
        }
        return Vector128.ConvertToInt32(x).AsByte();
    }

    /// <summary>
    /// i32x4.trunc_sat_f32x4_u: negatives and NaN become 0 by clamping at 0 (an ordered compare); the
    /// range [2^31, 2^32) is converted after subtracting 2^31 and has its top bit put back; 2^32 and
    /// above saturate.
    /// </summary>
    [MethodImpl(Hot)]
    public static V I32x4TruncSatF32x4U(V a)
    {
        var x = a.AsSingle();
        if (Sse2.IsSupported)
        {
            x &= Vector128.GreaterThan(x, Vector128<float>.Zero);
            var two31 = Vector128.Create(2147483648f);
            var high = Vector128.GreaterThanOrEqual(x, two31);
            var shifted = x - (two31 & high);
            var r = Sse2.ConvertToVector128Int32WithTruncation(shifted) | (high.AsInt32() & Vector128.Create(int.MinValue));
            var saturate = Vector128.GreaterThanOrEqual(x, Vector128.Create(4294967296f)).AsInt32();
            return (r | saturate).AsByte();
        }
        return Vector128.ConvertToUInt32(x).AsByte();
    }

    // The f64 truncations have two lanes; .NET's scalar conversions saturate and map NaN to 0,
    // exactly as trunc_sat does.
    [MethodImpl(Hot)]
    public static V I32x4TruncSatF64x2SZero(V a)
    {
        var x = a.AsDouble();
        return Vector128.Create((int)x.GetElement(0), (int)x.GetElement(1), 0, 0).AsByte();
    }

    [MethodImpl(Hot)]
    public static V I32x4TruncSatF64x2UZero(V a)
    {
        var x = a.AsDouble();
        return Vector128.Create((uint)x.GetElement(0), (uint)x.GetElement(1), 0u, 0u).AsByte();
    }

    [MethodImpl(Hot)] public static V F32x4ConvertI32x4S(V a) => Vector128.ConvertToSingle(a.AsInt32()).AsByte();

    /// <summary>
    /// f32x4.convert_i32x4_u: the high and low 16 bits convert exactly as signed values; scaling the high
    /// part by 2^16 is exact too, so the one rounding is in the final add, as a direct conversion would round.
    /// </summary>
    [MethodImpl(Hot)]
    public static V F32x4ConvertI32x4U(V a)
    {
        var x = a.AsInt32();
        var high = Vector128.ConvertToSingle(Vector128.ShiftRightLogical(x, 16)) * Vector128.Create(65536f);
        var low = Vector128.ConvertToSingle(x & Vector128.Create(0xFFFF));
        return (high + low).AsByte();
    }

    [MethodImpl(Hot)]
    public static V F64x2ConvertLowI32x4S(V a) =>
        (Sse2.IsSupported ? Sse2.ConvertToVector128Double(a.AsInt32()) : Vector128.ConvertToDouble(Vector128.WidenLower(a.AsInt32()))).AsByte();

    [MethodImpl(Hot)]
    public static V F64x2ConvertLowI32x4U(V a) => Vector128.ConvertToDouble(Vector128.WidenLower(a.AsUInt32())).AsByte();

    [MethodImpl(Hot)] public static V F32x4DemoteF64x2Zero(V a) => Vector128.Narrow(a.AsDouble(), Vector128<double>.Zero).AsByte();
    [MethodImpl(Hot)] public static V F64x2PromoteLowF32x4(V a) => Vector128.WidenLower(a.AsSingle()).AsByte();
}
