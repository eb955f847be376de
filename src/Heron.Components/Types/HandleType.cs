namespace Heron.Components;

/// <summary>own&lt;R&gt; or borrow&lt;R&gt;: a handle to a resource, an i32 index into the caller's handle table.</summary>
public sealed class HandleType(ResourceType resource, bool isBorrow) : ComponentValueType
{
    public ResourceType Resource { get; } = resource;

    /// <summary>True for borrow&lt;R&gt;, false for own&lt;R&gt;.</summary>
    public bool IsBorrow { get; } = isBorrow;

    public override string ToString() => IsBorrow ? $"borrow<{Resource.Name}>" : Resource.Name;
}
