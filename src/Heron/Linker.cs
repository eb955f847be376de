using Heron.Runtime;

namespace Heron;

/// <summary>
/// Names what modules import: host functions and the exports of other instances, under two-level
/// names; then instantiates modules against those names. A later definition of a name replaces the
/// earlier one. Disposable as Wasmtime's is: a disposed linker forgets its definitions and refuses use.
/// </summary>
public sealed class Linker : IDisposable
{
    private readonly Dictionary<(string Module, string Name), object> definitions = new();
    private bool disposed;

    /// <summary>Creates an empty linker for an engine.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        Engine = engine;
    }

    /// <summary>Drops every definition (host functions and the instances they keep alive); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        disposed = true;
        definitions.Clear();
    }

    /// <summary>The definitions, once checked that the linker is not disposed.</summary>
    private Dictionary<(string Module, string Name), object> Definitions
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return definitions;
        }
    }

    /// <summary>The engine of the modules this linker instantiates.</summary>
    public Engine Engine { get; }

    /// <summary>Defines <paramref name="module"/>.<paramref name="name"/> as an existing function, memory, table, global or tag.</summary>
    public Linker Define(string module, string name, Extern item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Definitions[(module, name)] = item;
        return this;
    }

    /// <summary>
    /// Defines a host function from a typed delegate such as <c>Func&lt;int, int, int&gt;</c> or
    /// <c>Action&lt;Caller, int&gt;</c> (a first <see cref="Caller"/> parameter gives the calling instance).
    /// Parameter and return types: int/uint, long/ulong, float, double, Vector128&lt;byte&gt;,
    /// <see cref="Function"/> (funcref), object (externref).
    /// </summary>
    public Linker DefineFunction(string module, string name, Delegate callback)
    {
        Definitions[(module, name)] = HostFunctionDefinition.FromDelegate(Engine, callback);
        return this;
    }

    /// <summary>Defines a host function of any type over <see cref="Value"/>s; the callback returns one value per result.</summary>
    public Linker DefineFunction(string module, string name, FunctionType type, Func<Caller, ReadOnlySpan<Value>, Value[]> callback)
    {
        Definitions[(module, name)] = HostFunctionDefinition.FromCallback(Engine, type, callback);
        return this;
    }

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="moduleName"/>.</summary>
    public Linker DefineInstance(string moduleName, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports) Definitions[(moduleName, name)] = item;
        return this;
    }

    // TryGetValue, not the GetValueOrDefault extension: that is framework generic code over the key tuple,
    // outside the ReadyToRun image, which every start would JIT.
    private object? Find(string module, string name) => Definitions.TryGetValue((module, name), out var found) ? found : null;

    /// <summary>The definition of <paramref name="module"/>.<paramref name="name"/> as an extern of the store, or null.</summary>
    public Extern? Get(Store store, string module, string name) =>
        Find(module, name) switch
        {
            Extern item => item,
            HostFunctionDefinition host => Function.Wrap(host.Bind(store.Runtime, null)),
            _ => null,
        };

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>: resolves its imports (throwing
    /// <see cref="LinkException"/>), initialises tables and memories from its segments and runs its start
    /// function (throwing <see cref="TrapException"/> when either traps).
    /// </summary>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (module.Engine != Engine || store.Engine != Engine)
            throw new ArgumentException("the module, the store and the linker must belong to the same engine");
        module.ThrowIfDisposed();
        var imports = new object?[module.Imports.Count];
        for (int i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            imports[i] = Find(import.Module, import.Name)
                ?? throw new LinkException("unknown import", import.Module, import.Name);
        }
        return Instantiator.Instantiate(store, module, imports);
    }
}
