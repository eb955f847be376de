using Heron.Runtime;

namespace Heron;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals, functions), and holds the
/// host's state (<see cref="Data"/>, or typed with <see cref="Store{T}"/>), the fuel, the epoch deadline and
/// the resource limiter. Used by one thread at a time: a call into WebAssembly of a store already
/// running on another thread throws <see cref="InvalidOperationException"/>. Different stores may run on
/// different threads at once, even with the same <see cref="Module"/>. Disposing a store releases its
/// linear memories' address space.
/// </summary>
public class Store : IDisposable
{
    private readonly List<LinearMemory> memories = new();
    private readonly Lock gate = new();
    private ulong fuelAdded;
    private int instanceCount, tableCount, memoryCount;
    private bool disposed;

    /// <summary>Creates an empty store.</summary>
    public Store(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        Engine = engine;
        Runtime = new StoreRuntime((nuint)Math.Max(engine.Config.MaxWasmStack, 16 * 1024), engine.Epoch) { Owner = this, Engine = engine };
    }

    /// <summary>The engine this store belongs to.</summary>
    public Engine Engine { get; }

    /// <summary>
    /// Any state the host wants to reach from host functions (through <see cref="Caller.GetData{T}"/> or
    /// <see cref="Caller.Store"/>). <see cref="Store{T}"/> gives it a type.
    /// </summary>
    public object? Data { get; set; }

    /// <summary>
    /// The policy consulted when memories and tables are created or grow and instances are added; null
    /// (the default) for no limits beyond the modules' own. See <see cref="StoreLimits"/>.
    /// </summary>
    public IResourceLimiter? Limiter
    {
        get => Runtime.Limiter;
        set => Runtime.Limiter = value;
    }

    internal StoreRuntime Runtime { get; }

    /// <summary>
    /// Limits this store with a <see cref="StoreLimits"/> (as Wasmtime's <c>Store.SetLimits</c>); a null
    /// argument means no limit of that kind.
    /// </summary>
    /// <param name="memorySize">The most bytes of any one linear memory.</param>
    /// <param name="tableElements">The most elements of any one table.</param>
    /// <param name="instances">The most instances in the store.</param>
    /// <param name="tables">The most tables the store creates.</param>
    /// <param name="memories">The most linear memories the store creates.</param>
    public void SetLimits(long? memorySize = null, long? tableElements = null, int? instances = null, int? tables = null, int? memories = null) =>
        Limiter = new StoreLimits
        {
            MemorySize = memorySize ?? long.MaxValue,
            TableElements = tableElements ?? long.MaxValue,
            Instances = instances ?? int.MaxValue,
            Tables = tables ?? int.MaxValue,
            Memories = memories ?? int.MaxValue,
        };

    /// <summary>
    /// Sets the fuel left to <paramref name="fuel"/> (at most <see cref="long.MaxValue"/>). Requires
    /// <see cref="EngineConfig.ConsumeFuel"/>. A store starts with none; a store that ran out can be
    /// refuelled and used again.
    /// </summary>
    public void SetFuel(ulong fuel)
    {
        RequireFuel();
        var remaining = GetFuel();
        var value = (long)Math.Min(fuel, long.MaxValue);
        fuelAdded = fuelAdded - remaining + (ulong)value;
        Runtime.Fuel = value;
    }

    /// <summary>Adds <paramref name="fuel"/> to what is left (saturating). Requires <see cref="EngineConfig.ConsumeFuel"/>.</summary>
    public void AddFuel(ulong fuel)
    {
        RequireFuel();
        var remaining = (ulong)Math.Max(Runtime.Fuel, 0);
        var value = remaining + fuel < remaining || remaining + fuel > long.MaxValue ? long.MaxValue : (long)(remaining + fuel);
        fuelAdded += (ulong)value - remaining;
        Runtime.Fuel = value;
    }

    /// <summary>The fuel left. Requires <see cref="EngineConfig.ConsumeFuel"/>.</summary>
    public ulong GetFuel()
    {
        RequireFuel();
        return (ulong)Math.Max(Runtime.Fuel, 0);
    }

    /// <summary>
    /// The fuel left, read and written as Wasmtime's <c>Store.Fuel</c>: the same as <see cref="GetFuel"/>
    /// and <see cref="SetFuel"/>. Requires <see cref="EngineConfig.ConsumeFuel"/>.
    /// </summary>
    public ulong Fuel
    {
        get => GetFuel();
        set => SetFuel(value);
    }

    /// <summary>
    /// The fuel consumed since the store was created: everything set or added minus what is left.
    /// Requires <see cref="EngineConfig.ConsumeFuel"/>.
    /// </summary>
    public ulong FuelConsumed => fuelAdded - GetFuel();

    /// <summary>
    /// Sets the epoch deadline <paramref name="ticksBeyondCurrent"/> epochs after the engine's current
    /// epoch: once <see cref="Engine.IncrementEpoch"/> has been called that many times, WebAssembly code
    /// of this store traps with <see cref="TrapCode.Interrupt"/> at its next function entry or loop
    /// iteration. Requires <see cref="EngineConfig.EpochInterruption"/>. Without a deadline (the default)
    /// code is never interrupted.
    /// </summary>
    public void SetEpochDeadline(ulong ticksBeyondCurrent)
    {
        if (!Engine.Config.EpochInterruption)
            throw new InvalidOperationException("epoch interruption is not enabled: set EngineConfig.EpochInterruption");
        var current = Engine.CurrentEpoch;
        Runtime.EpochDeadline = current + ticksBeyondCurrent < current ? ulong.MaxValue : current + ticksBeyondCurrent;
    }

    private void RequireFuel()
    {
        if (!Engine.Config.ConsumeFuel)
            throw new InvalidOperationException("fuel is not enabled: set EngineConfig.ConsumeFuel");
    }

    /// <summary>Checks the limiter's counts before an instance of <paramref name="module"/> is created, and counts it.</summary>
    internal void AddInstance(Model.WasmModule module)
    {
        lock (gate)
        {
            if (Limiter is { } limiter)
            {
                if (instanceCount + 1 > limiter.Instances)
                    throw new ResourceLimitException("instances", $"resource limit exceeded: the store may hold at most {limiter.Instances} instances");
                if (tableCount + module.Tables.Length > limiter.Tables)
                    throw new ResourceLimitException("tables", $"resource limit exceeded: the store may create at most {limiter.Tables} tables");
                if (memoryCount + module.Memories.Length > limiter.Memories)
                    throw new ResourceLimitException("memories", $"resource limit exceeded: the store may create at most {limiter.Memories} memories");
            }
            instanceCount++;
        }
    }

    internal LinearMemory CreateMemory(MemoryType type)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (gate)
        {
            if (Limiter is { } limiter)
            {
                if (memoryCount + 1 > limiter.Memories)
                    throw new ResourceLimitException("memories", $"resource limit exceeded: the store may create at most {limiter.Memories} memories");
                var bytes = LinearMemory.ByteCount(type.Limits.Minimum, type.PageSizeLog2);
                long? maximum = type.Limits.Maximum is { } max ? LinearMemory.ByteCount(max, type.PageSizeLog2) : null;
                if (!limiter.MemoryGrowing(0, bytes, maximum))
                    throw new ResourceLimitException("memory size", $"resource limit exceeded: a memory of {bytes} bytes is more than the store's limiter allows");
            }
            var memory = new LinearMemory(type, Engine.Reservations) { Owner = Runtime };
            memoryCount++;
            memories.Add(memory);
            return memory;
        }
    }

    /// <summary>
    /// A module of this store imports a shared memory: the memory stays alive while this store does (it
    /// may have been created by another store, disposed before this one).
    /// </summary>
    internal void UseSharedMemory(LinearMemory memory)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (gate)
        {
            if (memories.Contains(memory)) return;
            memory.AddUser();
            memories.Add(memory);
        }
    }

    internal TableInstance CreateTable(TableType type, object? initial, ValueType? canonicalElement = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (gate)
        {
            if (Limiter is { } limiter)
            {
                if (tableCount + 1 > limiter.Tables)
                    throw new ResourceLimitException("tables", $"resource limit exceeded: the store may create at most {limiter.Tables} tables");
                var elements = (long)Math.Min(type.Limits.Minimum, long.MaxValue);
                long? maximum = type.Limits.Maximum is { } max ? (long)Math.Min(max, long.MaxValue) : null;
                if (!limiter.TableGrowing(0, elements, maximum))
                    throw new ResourceLimitException("table elements", $"resource limit exceeded: a table of {elements} elements is more than the store's limiter allows");
            }
            var table = new TableInstance(type, initial) { Owner = Runtime, CanonicalElement = canonicalElement ?? type.ElementType };
            tableCount++;
            return table;
        }
    }

    /// <summary>
    /// Releases the memories of every instance of the store; its functions cannot be called afterwards
    /// (<see cref="ObjectDisposedException"/>). Refused with <see cref="InvalidOperationException"/> while
    /// the store's WebAssembly code runs (from a host function it called, or on another thread).
    /// </summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the store's memories (when <paramref name="disposing"/>); for derived stores.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed) return;
        if (!disposing)
        {
            disposed = true;
            return;
        }
        // Claimed as an entry claims it: compiled code assumes its memories never shrink while it runs,
        // so a store is not released under running code (another thread's, or the code that called the
        // host function disposing it).
        var thread = Environment.CurrentManagedThreadId;
        var active = Interlocked.CompareExchange(ref Runtime.ActiveThread, thread, 0);
        if (active != 0)
            throw new InvalidOperationException(active == thread
                ? "a store cannot be disposed while its WebAssembly code is running (from a host function it called); dispose it after the call returns"
                : $"the store is in use by thread {active}; dispose it once that thread's call returns");
        try
        {
            disposed = true;
            Volatile.Write(ref Runtime.Disposed, true);
            lock (gate)
            {
                foreach (var memory in memories) memory.Release();
                memories.Clear();
            }
        }
        finally
        {
            Volatile.Write(ref Runtime.ActiveThread, 0);
        }
    }
}
