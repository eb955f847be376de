using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// What every GC allocation goes through: a size check against what one .NET object may hold, and the
/// store's GC allocation budget (<see cref="IResourceLimiter.GcAllocationBytes"/>). Exceeding either traps;
/// an allocation never throws <see cref="OutOfMemoryException"/> into the host.
/// </summary>
internal static class GcHeap
{
    /// <summary>
    /// The most bytes one struct or array may take: a .NET array of bytes holds at most about 2 GiB, and
    /// the same bound for every element type keeps the limit independent of the representation.
    /// </summary>
    public const long MaxObjectBytes = int.MaxValue;

    /// <summary>The bytes a .NET object header and method table pointer take, and an array's length besides.</summary>
    public const int ObjectOverhead = 16, ArrayOverhead = 24;

    /// <summary>Charges <paramref name="bytes"/> to the store running <paramref name="context"/>, or traps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(InstanceContext context, long bytes)
    {
        var runtime = context.Runtime;
        runtime.GcBytesAllocated += bytes;
        if ((runtime.GcBytesLeft -= bytes) < 0) throw GcTraps.LimitExceeded(bytes);
    }

    /// <summary>An array's size in bytes, checked against <see cref="MaxObjectBytes"/> and charged.</summary>
    public static void ChargeArray<T>(InstanceContext context, int length)
    {
        var bytes = (long)(uint)length * Unsafe.SizeOf<T>() + ArrayOverhead * 2;
        if ((uint)length > (uint)Array.MaxLength || bytes > MaxObjectBytes) throw GcTraps.TooLarge(bytes);
        Charge(context, bytes);
    }
}
