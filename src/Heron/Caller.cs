using Heron.Runtime;

namespace Heron;

/// <summary>
/// What a host function knows about the WebAssembly instance that called it: its exports (for example
/// its memory, which WASI reads and writes) and its store. Valid only during the call.
/// </summary>
public readonly struct Caller
{
    private readonly InstanceContext? context;

    internal Caller(InstanceContext? context, Store? store)
    {
        this.context = context;
        Store = store;
    }

    /// <summary>
    /// The calling instance: the instance that imported this host function. Null when the function was
    /// not imported by an instance (created directly and called through a table or by the host).
    /// </summary>
    public Instance? Instance => context?.Instance;

    /// <summary>The store the call runs in.</summary>
    public Store? Store { get; }

    /// <summary>The store's host state (<see cref="Heron.Store.Data"/>), or null outside a store.</summary>
    public object? Data => Store?.Data;

    /// <summary>
    /// The store's host state as a <typeparamref name="T"/>: the state given to <see cref="Store{T}"/> or
    /// set in <see cref="Heron.Store.Data"/>. Throws <see cref="InvalidCastException"/> when it is of another type.
    /// </summary>
    public T GetData<T>() => (T)Data!;

    /// <summary>
    /// The calling store's fuel left, read and written as Wasmtime's <c>Caller.Fuel</c> (a host function can
    /// charge for its own work). Requires <see cref="EngineConfig.ConsumeFuel"/>.
    /// </summary>
    public ulong Fuel
    {
        get => RequireStore().Fuel;
        set => RequireStore().Fuel = value;
    }

    private Store RequireStore() => Store ?? throw new InvalidOperationException("the caller has no store");

    /// <summary>The caller's exported memory called <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name = "memory") => Instance?.GetMemory(name);

    /// <summary>The caller's exported function called <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => Instance?.GetFunction(name);

    /// <summary>The caller's export called <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => Instance?.GetExport(name);
}
