using Heron.Runtime;

namespace Heron;

/// <summary>An instantiated module: its exports, bound to the memories, tables, globals and functions of one store.</summary>
public sealed partial class Instance
{
    private readonly Dictionary<string, Extern> exports;
    private readonly List<(string Name, Extern Item)> ordered;

    internal Instance(Module module, Store store, InstanceContext context, List<(string Name, Extern Item)> exports)
    {
        Module = module;
        Store = store;
        Context = context;
        ordered = exports;
        this.exports = new Dictionary<string, Extern>(StringComparer.Ordinal);
        foreach (var (name, item) in exports) this.exports[name] = item;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    /// <summary>The store the instance lives in.</summary>
    public Store Store { get; }

    internal InstanceContext Context { get; }

    /// <summary>Every export, in the module's order.</summary>
    public IEnumerable<(string Name, Extern Item)> Exports => ordered;

    /// <summary>The export called <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => exports.GetValueOrDefault(name);

    /// <summary>The exported function called <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => GetExport(name) as Function;

    /// <summary>
    /// The exported function as <typeparamref name="TDelegate"/>, or null when it is missing or of another
    /// type: a host asking for the wrong signature gets null to test, as in Wasmtime, not an exception.
    /// </summary>
    private TDelegate? Typed<TDelegate>(string name) where TDelegate : Delegate =>
        GetFunction(name) is { } function && function.Fits(typeof(TDelegate)) ? function.AsDelegate<TDelegate>() : null;

    /// <summary>The exported memory called <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => GetExport(name) as Memory;

    /// <summary>The exported table called <paramref name="name"/>, or null.</summary>
    public Table? GetTable(string name) => GetExport(name) as Table;

    /// <summary>The exported global called <paramref name="name"/>, or null.</summary>
    public Global? GetGlobal(string name) => GetExport(name) as Global;

    /// <summary>The exported tag called <paramref name="name"/>, or null.</summary>
    public Tag? GetTag(string name) => GetExport(name) as Tag;

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<TResult>? GetFunction<TResult>(string name) => Typed<Func<TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action? GetAction(string name) => Typed<Action>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) => Typed<Func<T1, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1>? GetAction<T1>(string name) => Typed<Action<T1>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => Typed<Func<T1, T2, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => Typed<Action<T1, T2>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => Typed<Func<T1, T2, T3, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name) => Typed<Action<T1, T2, T3>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name) => Typed<Func<T1, T2, T3, T4, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name) => Typed<Action<T1, T2, T3, T4>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, T4, T5, TResult>? GetFunction<T1, T2, T3, T4, T5, TResult>(string name) => Typed<Func<T1, T2, T3, T4, T5, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3, T4, T5>? GetAction<T1, T2, T3, T4, T5>(string name) => Typed<Action<T1, T2, T3, T4, T5>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, TResult>(string name) => Typed<Func<T1, T2, T3, T4, T5, T6, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3, T4, T5, T6>? GetAction<T1, T2, T3, T4, T5, T6>(string name) => Typed<Action<T1, T2, T3, T4, T5, T6>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string name) => Typed<Func<T1, T2, T3, T4, T5, T6, T7, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7>? GetAction<T1, T2, T3, T4, T5, T6, T7>(string name) => Typed<Action<T1, T2, T3, T4, T5, T6, T7>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string name) => Typed<Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>>(name);

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export or its type does not match the type arguments (as Wasmtime returns null).</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8>(string name) => Typed<Action<T1, T2, T3, T4, T5, T6, T7, T8>>(name);
}
