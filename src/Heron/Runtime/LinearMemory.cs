using System.Runtime.CompilerServices;
using Heron.Runtime.Atomics;

namespace Heron.Runtime;

/// <summary>
/// A linear memory outside the GC heap. Address space is reserved up front and pages are committed as
/// the memory grows. A 32-bit memory reserves its whole maximum range once (the declared maximum, or
/// 4 GiB when there is none), so <see cref="Base"/> never moves and compiled code keeps it in a local for
/// a whole call. A 64-bit memory reserves lazily: its declared maximum when that is at most
/// <see cref="InitialReservation64"/>, else that much (or its initial size), and when it grows past its
/// reservation it moves to a larger one (its pages remapped, not copied, on Linux); compiled code reads
/// its base at every access. Every access is one overflow-checked add against <see cref="LengthComplement"/>.
/// A shared memory (threads) reserves its maximum whatever its address type, so it never moves; it is
/// grown under a lock, used by many stores and threads at once, and released when the last store using it is.
/// </summary>
internal sealed unsafe class LinearMemory : IDisposable
{
    public const ulong PageSize = 65536;
    public const ulong MaxPages32 = 65536;

    /// <summary>Address space a 64-bit memory reserves before it first outgrows it (as a 32-bit memory without maximum).</summary>
    public const ulong InitialReservation64 = 4UL << 30;

    /// <summary>
    /// The most bytes a 64-bit memory may have: 2^47, the user address space of x86-64 and arm64 (no
    /// machine commits more). Keeps every byte count below 2^63, so sizes fit a <c>long</c>.
    /// </summary>
    public const ulong MaxBytes64 = 1UL << 47;

    /// <summary>Commits happen in these units (the largest OS page size Heron runs on), whatever the wasm page size.</summary>
    private const ulong CommitGranule = 65536;

    /// <summary>First byte of the memory. Read directly by compiled code.</summary>
    public byte* Base;

    /// <summary>Current size in bytes (set through <see cref="SetLength"/>).</summary>
    public ulong Length;

    /// <summary>
    /// <c>~Length</c>, read directly by compiled code for every bounds check: <c>end + ~Length</c>
    /// overflows exactly when <c>end &gt; Length</c>, so the check is one add with no negation in it.
    /// </summary>
    public ulong LengthComplement = ulong.MaxValue;

    private nuint reserved;
    private nuint committed;
    private readonly ReservationPool? pool;

    /// <summary>Bytes from the base mapped from a <see cref="MemoryImage"/> (copy-on-write), 0 when none.</summary>
    private nuint imageMapped;

    /// <summary>The store's runtime, whose limiter growth consults; null for a memory outside any store.</summary>
    public StoreRuntime? Owner { get; init; }

    /// <summary>The threads waiting in <c>memory.atomic.wait</c>: a shared memory's, null for one that is not shared.</summary>
    public AtomicWaiters? Waiters { get; }

    /// <summary>Serialises growth of a shared memory (several threads may grow it at once); null when not shared.</summary>
    private readonly Lock? growGate;

    /// <summary>The stores using a shared memory (its creator's and those that imported it); released at zero.</summary>
    private int users = 1;

    /// <param name="type">The memory's type.</param>
    /// <param name="pool">Where to take a reservation from and give it back to on <see cref="Dispose"/>; null to reserve afresh.</param>
    public LinearMemory(MemoryType type, ReservationPool? pool = null)
    {
        Type = type;
        if (type.Shared)
        {
            Waiters = new AtomicWaiters();
            growGate = new Lock();
        }
        PageSizeLog2 = type.PageSizeLog2;
        MaximumPages = Math.Min(type.Limits.Maximum ?? ulong.MaxValue, ImplementationMaximumPages(type));
        var initial = type.Limits.Minimum;
        if (initial > MaximumPages)
            throw new TrapException(TrapCode.HostError,
                $"memory minimum size of {initial} pages exceeds memory limits");
        var maximumBytes = MaximumPages << PageSizeLog2;
        var initialBytes = initial << PageSizeLog2;
        // Reserve at least one granule so that even a zero-sized memory has a valid, distinct base.
        var reserve = type.Is64 && !type.Shared && maximumBytes > InitialReservation64
            ? Math.Max(InitialReservation64, initialBytes)
            : maximumBytes;
        reserved = (nuint)RoundUp(Math.Max(reserve, 1));
        this.pool = pool;
        nuint pooledCommitted = 0;
        if (pool == null || !pool.TryTake(reserved, out Base, out pooledCommitted))
            Base = VirtualMemory.Reserve(reserved);
        if (Base == null) throw new OutOfMemoryException($"cannot reserve {reserved} bytes of address space for a linear memory");
        var wanted = (nuint)RoundUp(initialBytes);
        // A pooled reservation is read-write (and zero) over the bytes its last memory had: only the difference changes.
        var ready = pooledCommitted > wanted
            ? VirtualMemory.Decommit(Base + wanted, pooledCommitted - wanted)
            : VirtualMemory.Commit(Base + pooledCommitted, wanted - pooledCommitted);
        committed = wanted;
        if (!ready)
        {
            Dispose();
            throw new OutOfMemoryException($"cannot commit {initial} pages for a linear memory");
        }
        SetLength(initialBytes);
    }

    /// <summary>
    /// The most pages any memory of this type may have, whatever it declares: 4 GiB of a 32-bit memory
    /// (less two bytes with one-byte pages, so that neither <c>memory.size</c> nor <c>memory.grow</c> can
    /// answer a size that reads as -1, as Wasmtime), <see cref="MaxBytes64"/> of a 64-bit one.
    /// </summary>
    public static ulong ImplementationMaximumPages(MemoryType type)
    {
        var log2 = type.PageSizeLog2;
        if (!type.Is64) return log2 == 0 ? uint.MaxValue - 1UL : MaxPages32;
        return MaxBytes64 >> log2;
    }

    /// <summary><paramref name="pages"/> pages of 2^<paramref name="log2"/> bytes, saturated at <see cref="long.MaxValue"/> (for the limiter).</summary>
    public static long ByteCount(ulong pages, int log2) =>
        pages > (ulong)long.MaxValue >> log2 ? long.MaxValue : (long)(pages << log2);

    private static ulong RoundUp(ulong bytes) => (bytes + CommitGranule - 1) & ~(CommitGranule - 1);

    private void SetLength(ulong bytes)
    {
        Length = bytes;
        // Published after the pages were committed: another thread that sees the new length finds them usable.
        Volatile.Write(ref LengthComplement, ~bytes);
    }

    /// <summary>One more store uses this shared memory (it imported it): it is released when the last one is.</summary>
    public void AddUser()
    {
        if (!Type.Shared) throw new InvalidOperationException("only a shared memory is used by several stores");
        int current;
        do
        {
            current = Volatile.Read(ref users);
            // Every store that used it is gone and its pages with them: it cannot come back.
            if (current == 0) throw new ObjectDisposedException(nameof(Memory), "the shared memory was released with the last store that used it");
        }
        while (Interlocked.CompareExchange(ref users, current + 1, current) != current);
    }

    /// <summary>A store using this memory is disposed: the memory is released unless it is shared and another store still uses it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref users) == 0) Dispose();
    }

    /// <summary>The declared type; the minimum is the size at creation.</summary>
    public MemoryType Type { get; }

    /// <summary>The base-2 logarithm of the page size (16, or 0 for one-byte pages).</summary>
    public int PageSizeLog2 { get; }

    /// <summary>The page count this memory may reach.</summary>
    public ulong MaximumPages { get; }

    public ulong Pages => Length >> PageSizeLog2;

    /// <summary>The memory's limits now: the current size as minimum and the declared maximum.</summary>
    public Limits CurrentLimits => new(Pages, Type.Limits.Maximum);

    /// <summary>Address space reserved now (a 64-bit memory's grows when it moves).</summary>
    internal ulong ReservedBytes => reserved;

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when it cannot.</summary>
    public long Grow(ulong deltaPages)
    {
        if (growGate == null) return GrowUnshared(deltaPages);
        // Two threads growing at once each see the size the other left: the old sizes they answer differ.
        lock (growGate) return GrowUnshared(deltaPages);
    }

    private long GrowUnshared(ulong deltaPages)
    {
        var old = Pages;
        if (deltaPages == 0) return (long)old;
        if (deltaPages > MaximumPages - old) return -1;
        var newLength = (old + deltaPages) << PageSizeLog2;
        if (Owner?.Limiter is { } limiter && !limiter.MemoryGrowing((long)Length, (long)newLength,
                Type.Limits.Maximum is { } max ? ByteCount(max, PageSizeLog2) : null))
            return -1;
        var newCommitted = (nuint)RoundUp(newLength);
        if (newCommitted > reserved && !Move(newCommitted)) return -1;
        if (newCommitted > committed)
        {
            if (!VirtualMemory.Commit(Base + committed, newCommitted - committed)) return -1;
            committed = newCommitted;
        }
        SetLength(newLength);
        return (long)old;
    }

    /// <summary>
    /// A 64-bit memory outgrew its reservation: reserve at least <paramref name="needed"/> bytes (twice the
    /// old reservation, within the maximum) elsewhere and move the committed pages there.
    /// </summary>
    private bool Move(nuint needed)
    {
        if (!Type.Is64 || Type.Shared) return false; // reserved to their maximum: never reached
        var limit = RoundUp(MaximumPages << PageSizeLog2);
        var size = (nuint)Math.Min(Math.Max((ulong)needed, (ulong)reserved * 2), limit);
        var target = VirtualMemory.Reserve(size);
        if (target == null) return false;
        if (!VirtualMemory.MoveCommitted(Base, reserved, committed, target))
        {
            VirtualMemory.Release(target, size);
            return false;
        }
        Base = target;
        reserved = size;
        return true;
    }

    /// <summary>memory.grow on a 32-bit memory as compiled code calls it: the delta is an unsigned i32.</summary>
    public static int GrowFromWasm(int deltaPages, LinearMemory memory) => (int)memory.Grow((uint)deltaPages);

    /// <summary>memory.grow on a 64-bit memory: the delta is an unsigned i64.</summary>
    public static long GrowFromWasm64(long deltaPages, LinearMemory memory) => memory.Grow((ulong)deltaPages);

    /// <summary>memory.size in pages of a 32-bit memory.</summary>
    public static int SizeFromWasm(LinearMemory memory) => (int)memory.Pages;

    /// <summary>memory.size in pages of a 64-bit memory.</summary>
    public static long SizeFromWasm64(LinearMemory memory) => (long)memory.Pages;

    /// <summary>memory.fill: bounds are checked before any byte is written.</summary>
    public static void Fill(int destination, int value, int count, LinearMemory memory) =>
        Fill64((uint)destination, value, (uint)count, memory);

    /// <summary>memory.fill with 64-bit operands (a 32-bit memory's zero-extended).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as MemoryFill.Bytes, which it calls
    public static void Fill64(ulong destination, int value, ulong count, LinearMemory memory)
    {
        if (count > memory.Length || destination > memory.Length - count) TrapHelpers.MemoryOutOfBounds();
        MemoryFill.Bytes(memory.Base + destination, (byte)value, (nuint)count);
    }

    /// <summary>memory.copy within one memory (overlap-safe).</summary>
    public static void Copy(int destination, int source, int count, LinearMemory memory) =>
        CopyBetween(destination, source, count, memory, memory);

    /// <summary>memory.copy between two memories (3.0 multi-memory) or within one.</summary>
    public static void CopyBetween(int destination, int source, int count, LinearMemory target, LinearMemory from)
    {
        ulong d = (uint)destination, s = (uint)source, n = (uint)count;
        if (d + n > target.Length || s + n > from.Length) TrapHelpers.MemoryOutOfBounds();
        if (n != 0) Buffer.MemoryCopy(from.Base + s, target.Base + d, n, n);
    }

    /// <summary>memory.copy with 64-bit operands (any 32-bit one zero-extended).</summary>
    public static void CopyBetween64(ulong destination, ulong source, ulong count, LinearMemory target, LinearMemory from)
    {
        if (count > target.Length || destination > target.Length - count
            || count > from.Length || source > from.Length - count) TrapHelpers.MemoryOutOfBounds();
        if (count != 0) Buffer.MemoryCopy(from.Base + source, target.Base + destination, count, count);
    }

    /// <summary>Copies bytes from the host into memory, trapping when out of bounds (memory.init, data segments).</summary>
    public void Initialize(ulong destination, ReadOnlySpan<byte> data)
    {
        if ((ulong)data.Length > Length || destination > Length - (ulong)data.Length) TrapHelpers.MemoryOutOfBounds();
        data.CopyTo(new Span<byte>(Base + destination, data.Length));
    }

    /// <summary>
    /// Maps <paramref name="image"/> over the start of this fresh memory, in place of copying its data
    /// segments; false (nothing changed) when it does not fit or the system refuses.
    /// </summary>
    public bool TryMapImage(MemoryImage image)
    {
        if (imageMapped != 0 || image.Size > committed || image.Size > Length) return false;
        if (!VirtualMemory.MapImage(Base, image.Size, image.File)) return false;
        imageMapped = image.Size;
        return true;
    }

    /// <summary>A view of the memory's bytes (the first 2 GiB); valid until the memory is disposed or, for a 64-bit memory, grows.</summary>
    public Span<byte> Span => new(Base, (int)Math.Min(Length, int.MaxValue));

    public void Dispose()
    {
        if (Base == null) return;
        var address = Base;
        SetLength(0);
        Base = null;
        // The pool's pages must read as zero again: an image's pages would read as the image, so fresh
        // anonymous pages go back over it first (or the reservation is released).
        bool reusable = imageMapped == 0 || VirtualMemory.UnmapImage(address, imageMapped);
        imageMapped = 0;
        if (!reusable || pool?.TryReturn(address, reserved, committed) != true) VirtualMemory.Release(address, reserved);
        reserved = 0;
        committed = 0;
        GC.SuppressFinalize(this);
    }

    ~LinearMemory()
    {
        if (Base != null) VirtualMemory.Release(Base, reserved);
    }
}
