using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// A linear memory outside the GC heap. The whole maximum range (the declared maximum, or 4 GiB when
/// there is none) is reserved once and pages are committed as the memory grows, so <see cref="Base"/>
/// never moves and compiled code may keep it in a register for a whole function. Every access is one
/// overflow-checked add of <c>address + offset + size</c> and <see cref="LengthComplement"/>.
/// </summary>
internal sealed unsafe class LinearMemory : IDisposable
{
    public const ulong PageSize = 65536;
    public const ulong MaxPages32 = 65536;

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
    private readonly ReservationPool? pool;

    /// <summary>The store's runtime, whose limiter growth consults; null for a memory outside any store.</summary>
    public StoreRuntime? Owner { get; init; }

    /// <param name="type">The memory's type.</param>
    /// <param name="pool">Where to take a reservation from and give it back to on <see cref="Dispose"/>; null to reserve afresh.</param>
    public LinearMemory(MemoryType type, ReservationPool? pool = null)
    {
        Type = type;
        MaximumPages = Math.Min(type.Limits.Maximum ?? MaxPages32, MaxPages32);
        // Reserve at least one page so that even a zero-sized memory has a valid, distinct base.
        reserved = (nuint)(Math.Max(MaximumPages, 1) * PageSize);
        var initial = type.Limits.Minimum;
        this.pool = pool;
        nuint committed = 0;
        if (pool == null || initial > MaximumPages || !pool.TryTake(reserved, out Base, out committed))
            Base = VirtualMemory.Reserve(reserved);
        if (Base == null) throw new OutOfMemoryException($"cannot reserve {reserved} bytes of address space for a linear memory");
        var wanted = (nuint)(initial * PageSize);
        // A pooled reservation is read-write (and zero) over the bytes its last memory had: only the difference changes.
        var ready = initial <= MaximumPages && (committed > wanted
            ? VirtualMemory.Decommit(Base + wanted, committed - wanted)
            : VirtualMemory.Commit(Base + committed, wanted - committed));
        if (!ready)
        {
            Dispose();
            throw new OutOfMemoryException($"cannot commit {initial} pages for a linear memory");
        }
        SetLength(initial * PageSize);
    }

    private void SetLength(ulong bytes)
    {
        Length = bytes;
        LengthComplement = ~bytes;
    }

    /// <summary>The declared type; the minimum is the size at creation.</summary>
    public MemoryType Type { get; }

    /// <summary>The page count this memory may reach.</summary>
    public ulong MaximumPages { get; }

    public ulong Pages => Length / PageSize;

    /// <summary>The memory's limits now: the current size as minimum and the declared maximum.</summary>
    public Limits CurrentLimits => new(Pages, Type.Limits.Maximum);

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when it cannot.</summary>
    public long Grow(ulong deltaPages)
    {
        var old = Pages;
        if (deltaPages == 0) return (long)old;
        if (deltaPages > MaximumPages - old) return -1;
        if (Owner?.Limiter is { } limiter && !limiter.MemoryGrowing((long)Length, (long)((old + deltaPages) * PageSize),
                Type.Limits.Maximum is { } max ? (long)Math.Min(max * PageSize, long.MaxValue) : null))
            return -1;
        if (!VirtualMemory.Commit(Base + Length, (nuint)(deltaPages * PageSize))) return -1;
        SetLength(Length + deltaPages * PageSize);
        return (long)old;
    }

    /// <summary>memory.grow as compiled code calls it: the delta is an unsigned i32.</summary>
    public static int GrowFromWasm(int deltaPages, LinearMemory memory) => (int)memory.Grow((uint)deltaPages);

    /// <summary>memory.size in pages.</summary>
    public static int SizeFromWasm(LinearMemory memory) => (int)memory.Pages;

    /// <summary>memory.fill: bounds are checked before any byte is written.</summary>
    public static void Fill(int destination, int value, int count, LinearMemory memory)
    {
        ulong d = (uint)destination, n = (uint)count;
        if (d + n > memory.Length) TrapHelpers.MemoryOutOfBounds();
        if (n != 0) Unsafe.InitBlockUnaligned(memory.Base + d, (byte)value, (uint)n);
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

    /// <summary>Copies bytes from the host into memory, trapping when out of bounds (memory.init, data segments).</summary>
    public void Initialize(ulong destination, ReadOnlySpan<byte> data)
    {
        if (destination + (ulong)data.Length > Length) TrapHelpers.MemoryOutOfBounds();
        data.CopyTo(new Span<byte>(Base + destination, data.Length));
    }

    /// <summary>A view of the memory's bytes; valid until the memory is disposed (growth never moves it).</summary>
    public Span<byte> Span => new(Base, (int)Math.Min(Length, int.MaxValue));

    public void Dispose()
    {
        if (Base == null) return;
        var address = Base;
        var length = Length;
        SetLength(0);
        Base = null;
        if (pool?.TryReturn(address, reserved, (nuint)length) != true) VirtualMemory.Release(address, reserved);
        reserved = 0;
        GC.SuppressFinalize(this);
    }

    ~LinearMemory()
    {
        if (Base != null) VirtualMemory.Release(Base, reserved);
    }
}
