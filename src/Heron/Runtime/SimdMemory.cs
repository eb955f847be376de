using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// v128 loads and stores. The compiler has already checked <c>address + offset + access size</c>
/// against the memory's length (as for scalar accesses) and passes the host address, so these only
/// move bytes; every access is unaligned. Named as their <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static unsafe class SimdMemory
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V V128Load(byte* p) => Unsafe.ReadUnaligned<V>(p);
    [MethodImpl(Hot)] public static void V128Store(byte* p, V v) => Unsafe.WriteUnaligned(p, v);

    [MethodImpl(Hot)] private static V Low64(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsByte();

    [MethodImpl(Hot)] public static V V128Load8x8S(byte* p) => Vector128.WidenLower(Low64(p).AsSByte()).AsByte();
    [MethodImpl(Hot)] public static V V128Load8x8U(byte* p) => Vector128.WidenLower(Low64(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load16x4S(byte* p) => Vector128.WidenLower(Low64(p).AsInt16()).AsByte();
    [MethodImpl(Hot)] public static V V128Load16x4U(byte* p) => Vector128.WidenLower(Low64(p).AsUInt16()).AsByte();
    [MethodImpl(Hot)] public static V V128Load32x2S(byte* p) => Vector128.WidenLower(Low64(p).AsInt32()).AsByte();
    [MethodImpl(Hot)] public static V V128Load32x2U(byte* p) => Vector128.WidenLower(Low64(p).AsUInt32()).AsByte();

    [MethodImpl(Hot)] public static V V128Load8Splat(byte* p) => Vector128.Create(*p);
    [MethodImpl(Hot)] public static V V128Load16Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<ushort>(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load32Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<uint>(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load64Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<ulong>(p)).AsByte();

    [MethodImpl(Hot)] public static V V128Load32Zero(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load64Zero(byte* p) => Low64(p);

    [MethodImpl(Hot)] public static V V128Load8Lane(byte* p, V v, int lane) => v.WithElement(lane, *p);
    [MethodImpl(Hot)] public static V V128Load16Lane(byte* p, V v, int lane) => v.AsUInt16().WithElement(lane, Unsafe.ReadUnaligned<ushort>(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load32Lane(byte* p, V v, int lane) => v.AsUInt32().WithElement(lane, Unsafe.ReadUnaligned<uint>(p)).AsByte();
    [MethodImpl(Hot)] public static V V128Load64Lane(byte* p, V v, int lane) => v.AsUInt64().WithElement(lane, Unsafe.ReadUnaligned<ulong>(p)).AsByte();

    [MethodImpl(Hot)] public static void V128Store8Lane(byte* p, V v, int lane) => *p = v.GetElement(lane);
    [MethodImpl(Hot)] public static void V128Store16Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt16().GetElement(lane));
    [MethodImpl(Hot)] public static void V128Store32Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt32().GetElement(lane));
    [MethodImpl(Hot)] public static void V128Store64Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt64().GetElement(lane));
}
