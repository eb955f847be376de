using Heron.Runtime;

namespace Heron;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals, functions). Used by one thread
/// at a time; different stores may run on different threads at once, even with the same
/// <see cref="Module"/>. Disposing a store releases its linear memories' address space.
/// </summary>
public sealed class Store : IDisposable
{
    private readonly List<LinearMemory> memories = new();
    private bool disposed;

    /// <summary>Creates an empty store.</summary>
    public Store(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        Runtime = new StoreRuntime((nuint)Math.Max(engine.Config.MaxWasmStack, 16 * 1024)) { Owner = this, Engine = engine };
    }

    /// <summary>The engine this store belongs to.</summary>
    public Engine Engine { get; }

    /// <summary>Any state the host wants to reach from host functions (through <see cref="Caller.Store"/>).</summary>
    public object? Data { get; set; }

    internal StoreRuntime Runtime { get; }

    internal LinearMemory CreateMemory(MemoryType type)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var memory = new LinearMemory(type);
        lock (memories) memories.Add(memory);
        return memory;
    }

    /// <summary>Releases the memories of every instance of the store; they must not be used afterwards.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        lock (memories)
        {
            foreach (var memory in memories) memory.Dispose();
            memories.Clear();
        }
    }
}
