namespace Heron;

/// <summary>
/// The usual resource limits of a store (Wasmtime's <c>StoreLimits</c>): each property left at its default
/// means no limit. Give it to a store with <see cref="Store.Limiter"/> or <see cref="Store.SetLimits"/>.
/// </summary>
public sealed class StoreLimits : IResourceLimiter
{
    /// <summary>The most bytes any one linear memory may have.</summary>
    public long MemorySize { get; init; } = long.MaxValue;

    /// <summary>The most elements any one table may have.</summary>
    public long TableElements { get; init; } = long.MaxValue;

    /// <summary>The most instances the store may hold.</summary>
    public int Instances { get; init; } = int.MaxValue;

    /// <summary>The most tables the store may create.</summary>
    public int Tables { get; init; } = int.MaxValue;

    /// <summary>The most linear memories the store may create.</summary>
    public int Memories { get; init; } = int.MaxValue;

    /// <summary>The most bytes of GC objects the store may allocate over its life (see <see cref="IResourceLimiter.GcAllocationBytes"/>).</summary>
    public long GcAllocationBytes { get; init; } = long.MaxValue;

    /// <inheritdoc />
    public bool MemoryGrowing(long currentBytes, long desiredBytes, long? maximumBytes) => desiredBytes <= MemorySize;

    /// <inheritdoc />
    public bool TableGrowing(long currentElements, long desiredElements, long? maximumElements) => desiredElements <= TableElements;
}
