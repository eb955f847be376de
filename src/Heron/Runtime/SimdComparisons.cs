using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Lane-wise comparisons: all-ones for true, zero for false. Ordered float comparisons are false on
/// NaN, which is what the .NET comparisons (cmpps with ordered predicates) give. Named as their
/// <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdComparisons
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V I8x16Eq(V a, V b) => Vector128.Equals(a.AsByte(), b.AsByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16Ne(V a, V b) => (~Vector128.Equals(a.AsByte(), b.AsByte())).AsByte();
    [MethodImpl(Hot)] public static V I8x16LtS(V a, V b) => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16LtU(V a, V b) => Vector128.LessThan(a.AsByte(), b.AsByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16GtS(V a, V b) => Vector128.GreaterThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16GtU(V a, V b) => Vector128.GreaterThan(a.AsByte(), b.AsByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsByte(), b.AsByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V I8x16GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsByte(), b.AsByte()).AsByte();

    [MethodImpl(Hot)] public static V I16x8Eq(V a, V b) => Vector128.Equals(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8Ne(V a, V b) => (~Vector128.Equals(a.AsUInt16(), b.AsUInt16())).AsByte();
    [MethodImpl(Hot)] public static V I16x8LtS(V a, V b) => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8LtU(V a, V b) => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8GtS(V a, V b) => Vector128.GreaterThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V I16x8GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(Hot)] public static V I32x4Eq(V a, V b) => Vector128.Equals(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4Ne(V a, V b) => (~Vector128.Equals(a.AsUInt32(), b.AsUInt32())).AsByte();
    [MethodImpl(Hot)] public static V I32x4LtS(V a, V b) => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4LtU(V a, V b) => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4GtS(V a, V b) => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V I32x4GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(Hot)] public static V I64x2Eq(V a, V b) => Vector128.Equals(a.AsUInt64(), b.AsUInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2Ne(V a, V b) => (~Vector128.Equals(a.AsUInt64(), b.AsUInt64())).AsByte();
    [MethodImpl(Hot)] public static V I64x2LtS(V a, V b) => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2GtS(V a, V b) => Vector128.GreaterThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Hot)] public static V I64x2GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();

    [MethodImpl(Hot)] public static V F32x4Eq(V a, V b) => Vector128.Equals(a.AsSingle(), b.AsSingle()).AsByte();
    /// <summary>True for unordered lanes (NaN), as wasm's ne is the negation of eq.</summary>
    [MethodImpl(Hot)] public static V F32x4Ne(V a, V b) => (~Vector128.Equals(a.AsSingle(), b.AsSingle())).AsByte();
    [MethodImpl(Hot)] public static V F32x4Lt(V a, V b) => Vector128.LessThan(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Gt(V a, V b) => Vector128.GreaterThan(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Le(V a, V b) => Vector128.LessThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();

    [MethodImpl(Hot)] public static V F64x2Eq(V a, V b) => Vector128.Equals(a.AsDouble(), b.AsDouble()).AsByte();
    /// <summary>True for unordered lanes (NaN), as wasm's ne is the negation of eq.</summary>
    [MethodImpl(Hot)] public static V F64x2Ne(V a, V b) => (~Vector128.Equals(a.AsDouble(), b.AsDouble())).AsByte();
    [MethodImpl(Hot)] public static V F64x2Lt(V a, V b) => Vector128.LessThan(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Gt(V a, V b) => Vector128.GreaterThan(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Le(V a, V b) => Vector128.LessThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();
}
