using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Bitwise operations, lane tests (any_true, all_true, bitmask), popcnt and shifts. Named as their
/// <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdBitwise
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V V128Not(V a) => ~a;
    [MethodImpl(Hot)] public static V V128And(V a, V b) => a & b;
    [MethodImpl(Hot)] public static V V128Andnot(V a, V b) => Vector128.AndNot(a, b);
    [MethodImpl(Hot)] public static V V128Or(V a, V b) => a | b;
    [MethodImpl(Hot)] public static V V128Xor(V a, V b) => a ^ b;
    /// <summary>v128.bitselect(v1, v2, c): bits of v1 where c is 1, of v2 where it is 0.</summary>
    [MethodImpl(Hot)] public static V V128Bitselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);
    [MethodImpl(Hot)] public static int V128AnyTrue(V a) => a == V.Zero ? 0 : 1;

    [MethodImpl(Hot)] public static int I8x16AllTrue(V a) => Vector128.EqualsAny(a, V.Zero) ? 0 : 1;
    [MethodImpl(Hot)] public static int I16x8AllTrue(V a) => Vector128.EqualsAny(a.AsUInt16(), Vector128<ushort>.Zero) ? 0 : 1;
    [MethodImpl(Hot)] public static int I32x4AllTrue(V a) => Vector128.EqualsAny(a.AsUInt32(), Vector128<uint>.Zero) ? 0 : 1;
    [MethodImpl(Hot)] public static int I64x2AllTrue(V a) => Vector128.EqualsAny(a.AsUInt64(), Vector128<ulong>.Zero) ? 0 : 1;

    [MethodImpl(Hot)] public static int I8x16Bitmask(V a) => (int)a.ExtractMostSignificantBits();
    [MethodImpl(Hot)] public static int I16x8Bitmask(V a) => (int)a.AsInt16().ExtractMostSignificantBits();
    [MethodImpl(Hot)] public static int I32x4Bitmask(V a) => (int)a.AsInt32().ExtractMostSignificantBits();
    [MethodImpl(Hot)] public static int I64x2Bitmask(V a) => (int)a.AsInt64().ExtractMostSignificantBits();

    /// <summary>i8x16.popcnt: a 16-entry table of nibble counts looked up once per nibble (pshufb).</summary>
    [MethodImpl(Hot)]
    public static V I8x16Popcnt(V a)
    {
        var table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var low = a & Vector128.Create((byte)0x0F);
        var high = Vector128.ShiftRightLogical(a, 4);
        if (Ssse3.IsSupported) return Ssse3.Shuffle(table, low) + Ssse3.Shuffle(table, high);
        return Vector128.Shuffle(table, low) + Vector128.Shuffle(table, high);
    }

    // WebAssembly takes a shift count modulo the lane width; the count is masked here so the result
    // never depends on how a platform treats counts at or beyond the width.
    [MethodImpl(Hot)] public static V I8x16Shl(V a, int n) => Vector128.ShiftLeft(a, n & 7);
    [MethodImpl(Hot)] public static V I8x16ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsSByte(), n & 7).AsByte();
    [MethodImpl(Hot)] public static V I8x16ShrU(V a, int n) => Vector128.ShiftRightLogical(a, n & 7);
    [MethodImpl(Hot)] public static V I16x8Shl(V a, int n) => Vector128.ShiftLeft(a.AsInt16(), n & 15).AsByte();
    [MethodImpl(Hot)] public static V I16x8ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt16(), n & 15).AsByte();
    [MethodImpl(Hot)] public static V I16x8ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt16(), n & 15).AsByte();
    [MethodImpl(Hot)] public static V I32x4Shl(V a, int n) => Vector128.ShiftLeft(a.AsInt32(), n & 31).AsByte();
    [MethodImpl(Hot)] public static V I32x4ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt32(), n & 31).AsByte();
    [MethodImpl(Hot)] public static V I32x4ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt32(), n & 31).AsByte();
    [MethodImpl(Hot)] public static V I64x2Shl(V a, int n) => Vector128.ShiftLeft(a.AsInt64(), n & 63).AsByte();
    [MethodImpl(Hot)] public static V I64x2ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt64(), n & 63).AsByte();
    [MethodImpl(Hot)] public static V I64x2ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt64(), n & 63).AsByte();
}
