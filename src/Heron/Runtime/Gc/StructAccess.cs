using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Heron.Runtime.Gc;

/// <summary>
/// <c>struct.new</c>, <c>struct.get(_s/_u)</c> and <c>struct.set</c> as compiled code calls them: the reference,
/// the value (for a set), then the field's constant slot. Each is small enough for the JIT to inline into a
/// null test, a type test against the sealed <see cref="GcStruct"/>, and a load or store at the offset.
/// </summary>
internal static class StructAccess
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GcStruct New(CanonicalType type, InstanceContext context)
    {
        GcHeap.Charge(context, type.Layout!.ObjectBytes);
        return new GcStruct(type);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static GcStruct Target(object? reference)
    {
        if (reference is null) throw GcTraps.NullStruct();
        return (GcStruct)reference;
    }

    /// <summary>
    /// The data bytes at <paramref name="offset"/>: in the object when they lie in its inline bytes (the layout never
    /// lets a field straddle the boundary), else in the overflow array, checked against it. Compiled code passes
    /// constants, so the JIT keeps one of the two paths and folds its check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(object? reference, int offset, int size)
    {
        var target = Target(reference);
        if ((uint)offset + (uint)size <= GcStruct.InlineBytes) return ref Unsafe.Add(ref target.InlineStart(), offset);
        var data = target.Data;
        var at = (uint)offset - GcStruct.InlineBytes;
        if (at + (uint)size > (uint)data.Length) throw GcTraps.CastFailure();
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), at);
    }

    /// <summary>The reference field at <paramref name="slot"/>: one of the object's own, or checked against the overflow array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref object? RefAt(object? reference, int slot)
    {
        var target = Target(reference);
        if (slot == 0) return ref target.Ref0;
        if (slot == 1) return ref target.Ref1;
        var refs = target.Refs;
        var at = (uint)slot - GcStruct.InlineRefs;
        if (at >= (uint)refs.Length) throw GcTraps.CastFailure();
        // Not refs[at] = value: an object?[] store checks the array's element type at run time; this one cannot fail.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(refs), at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetI32(object? s, int offset) => Unsafe.ReadUnaligned<int>(ref At(s, offset, 4));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetI64(object? s, int offset) => Unsafe.ReadUnaligned<long>(ref At(s, offset, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetF32(object? s, int offset) => Unsafe.ReadUnaligned<float>(ref At(s, offset, 4));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetF64(object? s, int offset) => Unsafe.ReadUnaligned<double>(ref At(s, offset, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> GetV128(object? s, int offset) => Unsafe.ReadUnaligned<Vector128<byte>>(ref At(s, offset, 16));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetI8S(object? s, int offset) => (sbyte)At(s, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetI8U(object? s, int offset) => At(s, offset, 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetI16S(object? s, int offset) => Unsafe.ReadUnaligned<short>(ref At(s, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetI16U(object? s, int offset) => Unsafe.ReadUnaligned<ushort>(ref At(s, offset, 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? GetRef(object? s, int slot) => RefAt(s, slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetI32(object? s, int value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 4), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetI64(object? s, long value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 8), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetF32(object? s, float value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 4), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetF64(object? s, double value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 8), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetV128(object? s, Vector128<byte> value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 16), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetI8(object? s, int value, int offset) => At(s, offset, 1) = (byte)value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetI16(object? s, int value, int offset) => Unsafe.WriteUnaligned(ref At(s, offset, 2), (short)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetRef(object? s, object? value, int slot) => RefAt(s, slot) = value;
}
