using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// An instance of a component (or an instance made of exports): its exports by name. Exported interfaces
/// are nested instances (<c>GetInstance("wasi:cli/run@0.2.0")?.GetFunction("run")</c>).
/// </summary>
public sealed class ComponentInstance
{
    private readonly Dictionary<string, object> _exports;

    internal ComponentInstance(Dictionary<string, object> exports, InstanceState? state)
    {
        _exports = exports;
        State = state;
    }

    /// <summary>The canonical ABI state of the component instance behind this one (null for a bag of exports).</summary>
    internal InstanceState? State { get; }

    /// <summary>The export names, in the order they were exported.</summary>
    public IEnumerable<string> ExportNames => _exports.Keys;

    internal IReadOnlyDictionary<string, object> Exports => _exports;

    /// <summary>The exported function of that name, or null.</summary>
    public ComponentFunction? GetFunction(string name) => _exports.GetValueOrDefault(name) as ComponentFunction;

    /// <summary>
    /// The exported function of that name as a typed delegate (see <see cref="ComponentFunction.AsDelegate{TDelegate}"/>),
    /// or null when there is none; an <see cref="ArgumentException"/> when its type does not fit the delegate.
    /// </summary>
    public Func<TResult>? GetFunction<TResult>(string name) => GetFunction(name)?.AsFunc<TResult>();

    /// <summary>The exported function as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) => GetFunction(name)?.AsFunc<T1, TResult>();

    /// <summary>The exported function as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, TResult>();

    /// <summary>The exported function as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, TResult>();

    /// <summary>The exported function as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name) => GetFunction(name)?.AsFunc<T1, T2, T3, T4, TResult>();

    /// <summary>The exported function without a result as an <see cref="Action"/> (see <see cref="GetFunction{TResult}"/>).</summary>
    public Action? GetAction(string name) => GetFunction(name)?.AsAction();

    /// <summary>The exported function without a result as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Action<T1>? GetAction<T1>(string name) => GetFunction(name)?.AsAction<T1>();

    /// <summary>The exported function without a result as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => GetFunction(name)?.AsAction<T1, T2>();

    /// <summary>The exported function without a result as a typed delegate (see <see cref="GetFunction{TResult}"/>).</summary>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name) => GetFunction(name)?.AsAction<T1, T2, T3>();

    /// <summary>The exported instance (interface) of that name, or null.</summary>
    public ComponentInstance? GetInstance(string name) => _exports.GetValueOrDefault(name) as ComponentInstance;

    /// <summary>The exported resource type of that name, or null.</summary>
    public ResourceType? GetResource(string name) => _exports.GetValueOrDefault(name) as ResourceType;

    /// <summary>The exported item of that name (a function, instance, type, component or core module), or null.</summary>
    public object? GetExport(string name) => _exports.GetValueOrDefault(name);
}
