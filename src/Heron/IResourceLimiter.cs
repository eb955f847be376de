namespace Heron;

/// <summary>
/// A store's policy for the resources its WebAssembly may take, consulted when memories and tables are
/// created (instantiation fails with <see cref="ResourceLimitException"/> when it refuses) and when they
/// grow (<c>memory.grow</c> and <c>table.grow</c> then return -1, as the specification allows).
/// <see cref="StoreLimits"/> is the ready-made policy; implement this interface for your own.
/// Set it with <see cref="Store.Limiter"/>. Called on the thread running the store.
/// </summary>
public interface IResourceLimiter
{
    /// <summary>
    /// Whether a linear memory of <paramref name="currentBytes"/> may become <paramref name="desiredBytes"/>
    /// long (<paramref name="currentBytes"/> is 0 when the memory is being created). <paramref name="maximumBytes"/>
    /// is the memory's declared maximum, or null when it has none.
    /// </summary>
    bool MemoryGrowing(long currentBytes, long desiredBytes, long? maximumBytes);

    /// <summary>
    /// Whether a table of <paramref name="currentElements"/> may hold <paramref name="desiredElements"/>
    /// (<paramref name="currentElements"/> is 0 when the table is being created). <paramref name="maximumElements"/>
    /// is the table's declared maximum, or null when it has none.
    /// </summary>
    bool TableGrowing(long currentElements, long desiredElements, long? maximumElements);

    /// <summary>The most instances the store may hold.</summary>
    int Instances => int.MaxValue;

    /// <summary>The most tables the store may create (imported tables are not counted again).</summary>
    int Tables => int.MaxValue;

    /// <summary>The most linear memories the store may create (imported memories are not counted again).</summary>
    int Memories => int.MaxValue;

    /// <summary>
    /// The most bytes of GC objects (structs and arrays) the store's WebAssembly may allocate over the store's
    /// life, read when the limiter is set; an allocation past it traps. A budget, as fuel is for instructions:
    /// GC objects are .NET objects, which the .NET collector frees once unreachable, and Heron does not measure
    /// how much of a store's allocation is still alive.
    /// </summary>
    long GcAllocationBytes => long.MaxValue;
}
