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

    /// <summary>The exported memory called <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => GetExport(name) as Memory;

    /// <summary>The exported table called <paramref name="name"/>, or null.</summary>
    public Table? GetTable(string name) => GetExport(name) as Table;

    /// <summary>The exported global called <paramref name="name"/>, or null.</summary>
    public Global? GetGlobal(string name) => GetExport(name) as Global;

    /// <summary>The exported tag called <paramref name="name"/>, or null.</summary>
    public Tag? GetTag(string name) => GetExport(name) as Tag;

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<TResult>? GetFunction<TResult>(string name) => GetFunction(name)?.AsFunc<TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action? GetAction(string name) => GetFunction(name)?.AsAction();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) => GetFunction(name)?.AsFunc<T1, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1>? GetAction<T1>(string name) => GetFunction(name)?.AsAction<T1>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => GetFunction(name)?.AsAction<T1, T2>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name) => GetFunction(name)?.AsAction<T1, T2, T3>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name) => GetFunction(name)?.AsAction<T1, T2, T3, T4>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, T4, T5, TResult>? GetFunction<T1, T2, T3, T4, T5, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, T5, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3, T4, T5>? GetAction<T1, T2, T3, T4, T5>(string name) => GetFunction(name)?.AsAction<T1, T2, T3, T4, T5>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, T5, T6, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3, T4, T5, T6>? GetAction<T1, T2, T3, T4, T5, T6>(string name) => GetFunction(name)?.AsAction<T1, T2, T3, T4, T5, T6>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, T5, T6, T7, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7>? GetAction<T1, T2, T3, T4, T5, T6, T7>(string name) => GetFunction(name)?.AsAction<T1, T2, T3, T4, T5, T6, T7>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, T5, T6, T7, T8, TResult>();

    /// <summary>The exported function <paramref name="name"/> as a typed delegate, or null when there is no such function export.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8>(string name) => GetFunction(name)?.AsAction<T1, T2, T3, T4, T5, T6, T7, T8>();
}
