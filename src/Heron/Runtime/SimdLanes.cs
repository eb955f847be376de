using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// v128 constants, splats, lane access, shuffles and swizzles. Each method is named as its
/// <see cref="Instructions.Opcode"/>, which is how the compiler's table finds it. Lane and shuffle
/// immediates arrive as constant arguments, so once inlined the JIT folds them into the instruction.
/// </summary>
internal static class SimdLanes
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    /// <summary>v128.const: the sixteen bytes as two little-endian halves.</summary>
    [MethodImpl(Hot)] public static V V128Const(long low, long high) => Vector128.Create(low, high).AsByte();

    [MethodImpl(Hot)] public static V I8x16Splat(int x) => Vector128.Create((byte)x);
    [MethodImpl(Hot)] public static V I16x8Splat(int x) => Vector128.Create((ushort)x).AsByte();
    [MethodImpl(Hot)] public static V I32x4Splat(int x) => Vector128.Create(x).AsByte();
    [MethodImpl(Hot)] public static V I64x2Splat(long x) => Vector128.Create(x).AsByte();
    [MethodImpl(Hot)] public static V F32x4Splat(float x) => Vector128.Create(x).AsByte();
    [MethodImpl(Hot)] public static V F64x2Splat(double x) => Vector128.Create(x).AsByte();

    [MethodImpl(Hot)] public static int I8x16ExtractLaneS(V v, int lane) => v.AsSByte().GetElement(lane);
    [MethodImpl(Hot)] public static int I8x16ExtractLaneU(V v, int lane) => v.GetElement(lane);
    [MethodImpl(Hot)] public static int I16x8ExtractLaneS(V v, int lane) => v.AsInt16().GetElement(lane);
    [MethodImpl(Hot)] public static int I16x8ExtractLaneU(V v, int lane) => v.AsUInt16().GetElement(lane);
    [MethodImpl(Hot)] public static int I32x4ExtractLane(V v, int lane) => v.AsInt32().GetElement(lane);
    [MethodImpl(Hot)] public static long I64x2ExtractLane(V v, int lane) => v.AsInt64().GetElement(lane);
    [MethodImpl(Hot)] public static float F32x4ExtractLane(V v, int lane) => v.AsSingle().GetElement(lane);
    [MethodImpl(Hot)] public static double F64x2ExtractLane(V v, int lane) => v.AsDouble().GetElement(lane);

    [MethodImpl(Hot)] public static V I8x16ReplaceLane(V v, int x, int lane) => v.WithElement(lane, (byte)x);
    [MethodImpl(Hot)] public static V I16x8ReplaceLane(V v, int x, int lane) => v.AsUInt16().WithElement(lane, (ushort)x).AsByte();
    [MethodImpl(Hot)] public static V I32x4ReplaceLane(V v, int x, int lane) => v.AsInt32().WithElement(lane, x).AsByte();
    [MethodImpl(Hot)] public static V I64x2ReplaceLane(V v, long x, int lane) => v.AsInt64().WithElement(lane, x).AsByte();
    [MethodImpl(Hot)] public static V F32x4ReplaceLane(V v, float x, int lane) => v.AsSingle().WithElement(lane, x).AsByte();
    [MethodImpl(Hot)] public static V F64x2ReplaceLane(V v, double x, int lane) => v.AsDouble().WithElement(lane, x).AsByte();

    /// <summary>
    /// i8x16.swizzle: an index of 16 or more selects 0. pshufb zeroes a lane only when the index has its
    /// top bit set, so the index is first pushed up by 112 with unsigned saturation: 0..15 keep their low
    /// four bits, 16..255 all reach 128 or more.
    /// </summary>
    [MethodImpl(Hot)]
    public static V I8x16Swizzle(V a, V indices)
    {
        if (Ssse3.IsSupported) return Ssse3.Shuffle(a, Sse2.AddSaturate(indices, Vector128.Create((byte)0x70)));
        // Vector128.Shuffle already gives 0 for an out-of-range index.
        return Vector128.Shuffle(a, indices);
    }

    /// <summary>
    /// i8x16.shuffle. The compiler splits the immediate (indices 0..31 into the concatenation of a and b)
    /// into one pshufb mask per operand, 0x80 where the lane comes from the other operand, so the JIT
    /// sees two constant masks: two pshufb and an or. An index of 0x80 also selects 0 in Vector128.Shuffle.
    /// </summary>
    [MethodImpl(Hot)]
    public static V I8x16Shuffle(V a, V b, long aLow, long aHigh, long bLow, long bHigh)
    {
        var fromA = Vector128.Create(aLow, aHigh).AsByte();
        var fromB = Vector128.Create(bLow, bHigh).AsByte();
        if (Ssse3.IsSupported) return Ssse3.Shuffle(a, fromA) | Ssse3.Shuffle(b, fromB);
        return Vector128.Shuffle(a, fromA) | Vector128.Shuffle(b, fromB);
    }
}
