namespace Heron.Components.Runtime;

/// <summary>One resource handle in an instance's handle table.</summary>
internal sealed class HandleEntry(ResourceType type, uint representation, bool owned, CallScope? borrowScope = null)
{
    public ResourceType Type { get; } = type;
    public uint Representation { get; } = representation;
    public bool Owned { get; } = owned;

    /// <summary>For a borrow: the call that lent it, which must see it dropped before it returns.</summary>
    public CallScope? BorrowScope { get; } = borrowScope;

    /// <summary>How many calls in progress borrow this owned handle; it cannot move or drop meanwhile.</summary>
    public int Lends { get; set; }
}
