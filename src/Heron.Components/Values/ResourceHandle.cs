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

    public override string ToString() => $"{(IsBorrow ? "borrow" : "own")}<{Type.Name}> rep={Representation}";
}
