using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// The array instructions for arrays whose elements are <typeparamref name="T"/>, as compiled code calls them:
/// operands in WebAssembly order, then the immediates' run-time forms. A generic class (not generic methods)
/// so that emitted code names each instantiation as an ordinary type's member; the JIT specialises each
/// element type's code.
/// </summary>
internal static class ArrayAccess<T>
{
    public static GcArray<T> New(T value, int length, CanonicalType type, InstanceContext context)
    {
        var elements = ArrayAccess.Allocate<T>(length, context);
        if (!EqualityComparer<T>.Default.Equals(value, default!)) elements.AsSpan().Fill(value);
        return new GcArray<T>(type, elements);
    }

    public static GcArray<T> NewDefault(int length, CanonicalType type, InstanceContext context) => new(type, ArrayAccess.Allocate<T>(length, context));

    /// <summary>
    /// An array of <paramref name="type"/> or a subtype. Every subtype of an array type has the same element
    /// storage, so it is a <see cref="GcArray{T}"/> of this <typeparamref name="T"/>: a sealed-type test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOf(object value, CanonicalType type) => value is GcArray<T> a && a.Type.IsSubtypeOf(type);

    /// <summary>An array of exactly <paramref name="type"/>, a final type (see <see cref="GcCasts.IsStructExactly"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsExactly(object value, CanonicalType type) => value is GcArray<T> a && ReferenceEquals(a.Type, type);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T[] Elements(object? array)
    {
        if (array is null) throw GcTraps.NullArray();
        return ((GcArray<T>)array).Elements;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Get(object? array, int index)
    {
        var elements = Elements(array);
        if ((uint)index >= (uint)elements.Length) throw GcTraps.ArrayOutOfBounds();
        return elements[index];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(object? array, int index, T value)
    {
        var elements = Elements(array);
        if ((uint)index >= (uint)elements.Length) throw GcTraps.ArrayOutOfBounds();
        elements[index] = value;
    }

    public static void Fill(object? array, int offset, T value, int count)
    {
        var elements = Elements(array);
        ArrayAccess.CheckRange(elements.Length, offset, count);
        elements.AsSpan(offset, count).Fill(value);
    }

    public static void Copy(object? destination, int destinationOffset, object? source, int sourceOffset, int count)
    {
        var to = Elements(destination);
        var from = Elements(source);
        ArrayAccess.CheckRange(to.Length, destinationOffset, count);
        ArrayAccess.CheckRange(from.Length, sourceOffset, count);
        // Array.Copy moves overlapping ranges of one array as memmove does.
        Array.Copy(from, sourceOffset, to, destinationOffset, count);
    }
}
