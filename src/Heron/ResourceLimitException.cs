namespace Heron;

/// <summary>
/// Instantiation (or creating a memory or table from the host) would exceed the store's resource
/// limiter (<see cref="Store.Limiter"/>) or what Heron can allocate at all; the message names the limit. The store stays usable.
/// </summary>
public sealed class ResourceLimitException : WasmException
{
    /// <summary>Creates the error for the limit called <paramref name="limit"/>.</summary>
    public ResourceLimitException(string limit, string message) : base(message)
    {
        Limit = limit;
    }

    /// <summary>
    /// Which limit was hit: "memory size", "table elements", "instances", "tables" or "memories".
    /// </summary>
    public string Limit { get; }
}
