using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// The host objects behind one WASI 0.2 resource type, indexed by the representation the guest's handles
/// carry. The runtime checks handles before they reach the host, so a missing entry means the host itself
/// lost track: that traps rather than answering with some other object.
/// </summary>
internal sealed class ResourceTable<T> where T : class
{
    private readonly Dictionary<uint, T> entries = [];
    private uint next = 1;

    public ResourceTable(string name) => Type = new ResourceType(name, Remove);

    /// <summary>The resource type the linker defines; its destructor forgets the entry the guest dropped.</summary>
    public ResourceType Type { get; }

    public int Count => entries.Count;

    /// <summary>Stores <paramref name="item"/> and returns an owned handle to it for the guest.</summary>
    public ComponentValue New(T item)
    {
        uint rep = next++;
        entries[rep] = item;
        return ComponentValue.Resource(new ResourceHandle(Type, rep, isBorrow: false));
    }

    /// <summary>The object behind a borrowed or owned handle argument.</summary>
    public T Get(ComponentValue handle) => Get(handle.AsResource().Representation);

    public T Get(uint rep) =>
        entries.TryGetValue(rep, out var item) ? item
            : throw new TrapException(TrapCode.HostError, $"unknown {Type.Name} handle (representation {rep})");

    /// <summary>Disposes every entry the guest still holds (when its context closes) and forgets them all.</summary>
    public void DisposeAll()
    {
        foreach (var item in entries.Values)
            if (item is IDisposable disposable) disposable.Dispose();
        entries.Clear();
    }

    private void Remove(uint rep)
    {
        if (entries.Remove(rep, out var item) && item is IDisposable disposable) disposable.Dispose();
    }
}
