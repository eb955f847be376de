using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// The array instructions that do not depend on the element's .NET type (<c>array.len</c>, and the element
/// segment ones, whose elements are references), and the checks all array instructions share. The others
/// are in <see cref="ArrayAccess{T}"/> and <see cref="ArrayData{T}"/>.
/// </summary>
internal static class ArrayAccess
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Len(object? array)
    {
        if (array is null) throw GcTraps.NullArray();
        return ((GcArray)array).ElementCount;
    }

    public static GcArray<object?> NewElem(int offset, int length, CanonicalType type, InstanceContext context, int segment)
    {
        var items = context.ElementSegments[segment];
        if ((ulong)(uint)offset + (uint)length > (ulong)items.Length) TrapHelpers.TableOutOfBounds();
        var elements = Allocate<object?>(length, context);
        Array.Copy(items, offset, elements, 0, length);
        return new GcArray<object?>(type, elements);
    }

    public static void InitElem(object? array, int destination, int source, int count, InstanceContext context, int segment)
    {
        var elements = ArrayAccess<object?>.Elements(array);
        CheckRange(elements.Length, destination, count);
        var items = context.ElementSegments[segment];
        if ((ulong)(uint)source + (uint)count > (ulong)items.Length) TrapHelpers.TableOutOfBounds();
        Array.Copy(items, source, elements, destination, count);
    }

    /// <summary>Traps unless <paramref name="count"/> elements from <paramref name="offset"/> lie within <paramref name="length"/>.</summary>
    public static void CheckRange(int length, int offset, int count)
    {
        if ((ulong)(uint)offset + (uint)count > (ulong)length) throw GcTraps.ArrayOutOfBounds();
    }

    /// <summary>
    /// A new element array, or a trap when it cannot be made: larger than <see cref="GcHeap.MaxObjectBytes"/>,
    /// past the store's GC budget, or memory the process does not have (never an <see cref="OutOfMemoryException"/>
    /// reaching the host).
    /// </summary>
    public static T[] Allocate<T>(int length, InstanceContext context)
    {
        GcHeap.ChargeArray<T>(context, length);
        if (length == 0) return [];
        try
        {
            return new T[length];
        }
        catch (OutOfMemoryException)
        {
            throw GcTraps.TooLarge((long)length * Unsafe.SizeOf<T>());
        }
    }
}
