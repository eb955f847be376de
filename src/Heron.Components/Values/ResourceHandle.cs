namespace Heron.Components;

/// <summary>
/// A resource handle held by the host: an owned or borrowed reference to a resource of a given type,
/// with the resource's representation (the i32 the defining component chose, or the host's own index).
/// An owned handle must be passed back to a component or dropped; a borrowed one is valid only during
/// the call that lent it.
/// </summary>
public sealed class ResourceHandle(ResourceType type, uint representation, bool isBorrow)
{
    public ResourceType Type { get; } = type;

    /// <summary>The representation: for a component-defined resource, the value its resource.new received.</summary>
    public uint Representation { get; } = representation;

    public bool IsBorrow { get; } = isBorrow;

    /// <summary>Set once the handle has been given away (moved into a component) or dropped.</summary>
    public bool IsConsumed { get; internal set; }

    /// <summary>
    /// Drops an owned handle the host holds: the resource's destructor runs (in the component that defines
    /// it, or the host's for a host-defined type). A handle can be dropped or given away once.
    /// </summary>
    public void Drop()
    {
        if (IsBorrow) throw new InvalidOperationException("a borrowed handle is not the host's to drop");
        if (IsConsumed) throw new InvalidOperationException($"the owned {Type.Name} handle was already given away or dropped");
        IsConsumed = true;
        Runtime.ResourceBuiltins.RunDestructor(Type, Representation, caller: null);
    }

    public override string ToString() => $"{(IsBorrow ? "borrow" : "own")}<{Type.Name}> rep={Representation}";
}
