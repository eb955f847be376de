namespace Heron.Runtime;

/// <summary>
/// State that all instances of one store share and compiled code reads: the stack limit checked at
/// every function entry, the fuel and the epoch deadline. A store is used by one thread at a time
/// (<see cref="HostEntry"/> enforces it), so plain fields suffice.
/// </summary>
internal sealed class StoreRuntime
{
    /// <summary>
    /// The lowest stack address WebAssembly code may reach. Compiled code compares the address of one of
    /// its locals against it at entry and traps "call stack exhausted" below it. Zero when no WebAssembly
    /// code is running, which is never reached (the check only happens inside entered calls).
    /// </summary>
    public nuint StackLimit;

    /// <summary>Nesting of host-to-WebAssembly entries on the current thread (host functions calling back in).</summary>
    public int EntryDepth;

    /// <summary>
    /// Fuel left. Code compiled with fuel subtracts each basic block's cost and traps when it goes below
    /// zero; only touched when the engine consumes fuel.
    /// </summary>
    public long Fuel;

    /// <summary>The engine's epoch counter, read by code compiled with epoch interruption.</summary>
    public EpochCounter Epoch;

    /// <summary>Code compiled with epoch interruption traps once <see cref="Epoch"/> reaches this value.</summary>
    public ulong EpochDeadline = ulong.MaxValue;

    /// <summary>The managed id of the thread running WebAssembly of this store, 0 when none does.</summary>
    public int ActiveThread;

    /// <summary>
    /// Set once the store's memories are released: no entry is allowed after it. Compiled code relies on
    /// memories never shrinking (bounds checks left out after an earlier one, static addresses below the
    /// declared minimum); disposal is the only shrinking there is, so it happens with no code running.
    /// </summary>
    public bool Disposed;

    public StoreRuntime(nuint maxWasmStack, EpochCounter epoch)
    {
        MaxWasmStack = maxWasmStack;
        Epoch = epoch;
    }

    public nuint MaxWasmStack { get; }

    /// <summary>The public store (a <see cref="Heron.Store"/>), for host functions.</summary>
    public object? Owner { get; set; }

    public Engine? Engine { get; set; }

    /// <summary>The store's resource limiter, consulted when memories and tables are created or grow.</summary>
    public IResourceLimiter? Limiter
    {
        get => limiter;
        set
        {
            limiter = value;
            var allowed = value?.GcAllocationBytes ?? long.MaxValue;
            GcBytesLeft = allowed == long.MaxValue ? long.MaxValue : allowed - GcBytesAllocated;
        }
    }

    private IResourceLimiter? limiter;

    /// <summary>Bytes of GC objects the store may still allocate (see <see cref="IResourceLimiter.GcAllocationBytes"/>).</summary>
    public long GcBytesLeft = long.MaxValue;

    /// <summary>Bytes of GC objects the store's WebAssembly has allocated over its life.</summary>
    public long GcBytesAllocated;
}
