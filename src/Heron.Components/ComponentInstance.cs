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

    /// <summary>The exported instance (interface) of that name, or null.</summary>
    public ComponentInstance? GetInstance(string name) => _exports.GetValueOrDefault(name) as ComponentInstance;

    /// <summary>The exported resource type of that name, or null.</summary>
    public ResourceType? GetResource(string name) => _exports.GetValueOrDefault(name) as ResourceType;

    /// <summary>The exported item of that name (a function, instance, type, component or core module), or null.</summary>
    public object? GetExport(string name) => _exports.GetValueOrDefault(name);
}
