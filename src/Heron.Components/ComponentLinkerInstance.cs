namespace Heron.Components;

/// <summary>
/// A named set of host definitions inside a <see cref="ComponentLinker"/>: functions, resource types and
/// nested instances, matched by name against what a component imports (an interface such as
/// <c>wasi:cli/stdout@0.2.0</c> is one instance).
/// </summary>
public sealed class ComponentLinkerInstance
{
    private readonly Dictionary<string, object> _items = new(StringComparer.Ordinal);

    internal ComponentLinkerInstance(string name) => Name = name;

    /// <summary>The name this instance is imported under ("" for the linker's root).</summary>
    public string Name { get; }

    internal IReadOnlyDictionary<string, object> Items => _items;

    /// <summary>
    /// Defines a function. Its type comes from the importing component's declaration; the handler receives
    /// the arguments as that type lifts them.
    /// </summary>
    public ComponentLinkerInstance DefineFunction(string name, HostFunctionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Define(name, handler);
        return this;
    }

    /// <summary>
    /// Defines a function from a typed delegate: its parameters and result are .NET types carrying the
    /// component types the importer declares (<c>bool</c>, <c>sbyte</c>…<c>ulong</c>, <c>float</c>,
    /// <c>double</c>, <c>Rune</c> or <c>char</c>, <c>string</c>, arrays or <c>List&lt;T&gt;</c> for lists, value
    /// tuples for tuples, <see cref="ResourceHandle"/> for handles, <see cref="ComponentValue"/> for any type).
    /// A component calling it lifts its arguments straight into those types, by code compiled for the
    /// signature. A component whose declared type the delegate does not fit fails to link, saying why.
    /// </summary>
    /// <example>
    /// <code>
    /// linker.Instance("test:host/api")
    ///     .DefineFunction("greet", (string name) => "hello, " + name)
    ///     .DefineFunction("add", (uint a, uint b) => a + b);
    /// </code>
    /// </example>
    public ComponentLinkerInstance DefineFunction(string name, Delegate implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Define(name, new Runtime.TypedHostFunction(name, implementation));
        return this;
    }

    /// <summary>
    /// Defines a function in its flat core form, as generated bindings do: <paramref name="implementation"/>
    /// takes a <see cref="CanonicalCaller"/> (the calling component's memory, realloc, string encoding and
    /// handle table), then the core values the importer's declared type flattens to (<c>int</c>/<c>uint</c>
    /// for i32, <c>long</c>/<c>ulong</c> for i64, <c>float</c>, <c>double</c>; a pointer to the parameters past
    /// 16 of them; a pointer for the result, last, when it flattens to more than one value), and returns the
    /// flat result or nothing. It lifts its arguments and lowers its result itself through the caller. A
    /// component whose declared type flattens otherwise fails to link, naming both types.
    /// </summary>
    /// <example>
    /// <code>
    /// // greet: func(name: string) -> string, lowered as (i32 i32 i32) -> ()
    /// linker.Instance("test:host/api").DefineCanonicalFunction("greet",
    ///     new Action&lt;CanonicalCaller, int, int, int&gt;((caller, pointer, length, result) =>
    ///     {
    ///         var name = caller.Abi.LoadString((uint)pointer, (uint)length);
    ///         var (text, units) = caller.Abi.StoreString("hello, " + name);
    ///         caller.Abi.Memory.WriteInt32(result, (int)text);
    ///         caller.Abi.Memory.WriteInt32(result + 4, (int)units);
    ///     }));
    /// </code>
    /// </example>
    public ComponentLinkerInstance DefineCanonicalFunction(string name, Delegate implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Define(name, new Runtime.CanonicalHostFunction(name, implementation));
        return this;
    }

    /// <summary>
    /// Defines a resource type. A component importing a resource of this name gets this type; owned handles
    /// the guest drops are reported to the type's destructor.
    /// </summary>
    public ComponentLinkerInstance DefineResource(string name, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Define(name, type);
        return this;
    }

    /// <summary>Defines a core module, for components that import one (<c>(import "m" (core module ...))</c>).</summary>
    public ComponentLinkerInstance DefineModule(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        Define(name, module);
        return this;
    }

    /// <summary>The nested instance of that name, created on first use.</summary>
    public ComponentLinkerInstance Instance(string name)
    {
        if (_items.TryGetValue(name, out var existing))
            return existing as ComponentLinkerInstance ?? throw new ArgumentException($"'{name}' is already defined as something other than an instance");
        var instance = new ComponentLinkerInstance(name);
        _items[name] = instance;
        return instance;
    }

    /// <summary>Defines an instance made of another component instance's exports (linking components together).</summary>
    public ComponentLinkerInstance DefineInstance(string name, ComponentInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Define(name, instance);
        return this;
    }

    /// <summary>Defines <paramref name="name"/>, replacing an earlier definition (a script runner's shadowing).</summary>
    internal void Redefine(string name, object item) => _items[name] = item;

    private void Define(string name, object item)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_items.TryAdd(name, item)) throw new ArgumentException($"'{name}' is already defined in {(Name.Length == 0 ? "the linker" : Name)}");
    }

    /// <summary>
    /// The item for an import name: the exact name, else, for a versioned interface name, a definition of the
    /// same interface at a compatible version (the same major version, or for 0.x the same minor), as
    /// Wasmtime matches <c>wasi:io/streams@0.2.3</c> to an implementation of <c>@0.2.0</c>.
    /// </summary>
    internal object? Find(string name)
    {
        if (_items.TryGetValue(name, out var exact)) return exact;
        var at = name.LastIndexOf('@');
        if (at < 0) return null;
        var prefix = name[..(at + 1)];
        var wanted = SemanticVersion.TryParse(name[(at + 1)..]);
        if (wanted == null) return null;
        object? best = null;
        SemanticVersion? bestVersion = null;
        foreach (var (key, item) in _items)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var version = SemanticVersion.TryParse(key[prefix.Length..]);
            if (version == null || !version.IsCompatibleWith(wanted)) continue;
            if (bestVersion == null || version.CompareTo(bestVersion) > 0) (best, bestVersion) = (item, version);
        }
        return best;
    }
}
