namespace Heron.Components.Runtime;

/// <summary>A core instance inside a component: a real instance of a core module, or a bag of core exports.</summary>
internal sealed class CoreInstanceItems
{
    private readonly Instance? _instance;
    private readonly Dictionary<string, Extern>? _items;

    public CoreInstanceItems(Instance instance) => _instance = instance;

    public CoreInstanceItems(Dictionary<string, Extern> items) => _items = items;

    public Extern? Get(string name) => _instance != null ? _instance.GetExport(name) : _items!.GetValueOrDefault(name);
}
