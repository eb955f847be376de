using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Heron.Runtime.Gc;

/// <summary><c>array.new_data</c> and <c>array.init_data</c>: elements read little-endian from a data segment.</summary>
internal static class ArrayData<T> where T : unmanaged
{
    public static GcArray<T> NewData(int offset, int length, CanonicalType type, InstanceContext context, int segment)
    {
        var bytes = Bytes(context, segment, offset, length);
        var elements = ArrayAccess.Allocate<T>(length, context);
        MemoryMarshal.Cast<byte, T>(bytes).CopyTo(elements);
        return new GcArray<T>(type, elements);
    }

    public static void InitData(object? array, int destination, int source, int count, InstanceContext context, int segment)
    {
        var elements = ArrayAccess<T>.Elements(array);
        ArrayAccess.CheckRange(elements.Length, destination, count);
        var bytes = Bytes(context, segment, source, count);
        MemoryMarshal.Cast<byte, T>(bytes).CopyTo(elements.AsSpan(destination));
    }

    /// <summary>The bytes of <paramref name="length"/> elements at <paramref name="offset"/> of a data segment, or the memory trap.</summary>
    private static ReadOnlySpan<byte> Bytes(InstanceContext context, int segment, int offset, int length)
    {
        var range = context.DataSegments[segment];
        var bytes = (ulong)(uint)length * (ulong)Unsafe.SizeOf<T>();
        if ((uint)offset + bytes > (ulong)range.Length) TrapHelpers.MemoryOutOfBounds();
        return context.ModuleBytes.AsSpan(range.Start + offset, (int)bytes);
    }
}
