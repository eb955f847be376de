namespace Heron.Runtime;

/// <summary>
/// Address-space reservations of disposed linear memories, kept per engine for the next memory of the
/// same reserved size (Linux only). Reserving 4 GiB with <c>mmap</c>, committing with <c>mprotect</c> and
/// giving it back with <c>munmap</c> were most of the cost of instantiating a small module. A returned
/// reservation stays readable and writable over the bytes it had; <c>madvise(MADV_DONTNEED)</c> makes the
/// kernel drop those pages, so they read as zero again, as a fresh mapping would. The next memory of the
/// same initial size then needs no system call at all. (macOS's MADV_DONTNEED does not zero, Windows has
/// no equivalent: there every memory reserves afresh.)
/// </summary>
internal sealed unsafe class ReservationPool
{
    /// <summary>Reservations kept at most: address space is plentiful, but each held page range costs a VMA.</summary>
    private const int Capacity = 16;

    private readonly Lock gate = new();
    private readonly Entry[] entries = new Entry[Capacity];
    private int count;
    private bool closed;

    /// <summary>A pool dropped without <see cref="Close"/> (an engine never disposed) still unmaps what it held.</summary>
    ~ReservationPool() => ReleaseHeld();

    /// <summary>
    /// Unmaps every reservation held and keeps none from now on (the engine was disposed): memories
    /// still alive then give their address space straight back to the system.
    /// </summary>
    public void Close()
    {
        lock (gate) closed = true;
        ReleaseHeld();
        GC.SuppressFinalize(this);
    }

    private void ReleaseHeld()
    {
        lock (gate)
        {
            for (int i = 0; i < count; i++)
            {
                VirtualMemory.Release((byte*)entries[i].Address, entries[i].Reserved);
                entries[i] = default;
            }
            count = 0;
        }
    }

    /// <summary>How many reservations the pool holds now.</summary>
    public int Held
    {
        get
        {
            lock (gate) return count;
        }
    }

    /// <summary>Whether this operating system zeroes pages on <c>MADV_DONTNEED</c>.</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux();

    /// <summary>Takes a reservation of exactly <paramref name="reserved"/> bytes, its first <paramref name="committed"/> bytes read-write and zero.</summary>
    public bool TryTake(nuint reserved, out byte* address, out nuint committed)
    {
        lock (gate)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (entries[i].Reserved != reserved) continue;
                address = (byte*)entries[i].Address;
                committed = entries[i].Committed;
                entries[i] = entries[--count];
                entries[count] = default;
                return true;
            }
        }
        address = null;
        committed = 0;
        return false;
    }

    /// <summary>Keeps a reservation whose first <paramref name="committed"/> bytes are read-write; false (the caller releases it) when full or unsupported.</summary>
    public bool TryReturn(byte* address, nuint reserved, nuint committed)
    {
        if (!Supported) return false;
        lock (gate)
        {
            if (count == Capacity || closed) return false;
        }
        if (!VirtualMemory.Discard(address, committed)) return false;
        lock (gate)
        {
            if (count == Capacity || closed) return false;
            entries[count++] = new Entry((nint)address, reserved, committed);
            return true;
        }
    }

    private readonly record struct Entry(nint Address, nuint Reserved, nuint Committed);
}
