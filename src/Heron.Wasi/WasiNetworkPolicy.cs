namespace Heron.Wasi;

/// <summary>
/// What a guest may do with WASI 0.2's sockets, spelled as Wasmtime's <c>-S</c> options. Sockets reach the
/// host's network only with <see cref="InheritNetwork"/>; TCP and UDP can each be switched off, and name
/// lookup is a separate grant. Without a grant every operation answers <c>access-denied</c>.
/// </summary>
/// <param name="InheritNetwork">The guest may bind and connect to any address the host can (<c>-S inherit-network</c>).</param>
/// <param name="AllowIpNameLookup">The guest may resolve host names (<c>-S allow-ip-name-lookup</c>).</param>
/// <param name="AllowTcp">TCP sockets may be created (<c>-S tcp</c>, on by default as in Wasmtime).</param>
/// <param name="AllowUdp">UDP sockets may be created (<c>-S udp</c>, on by default as in Wasmtime).</param>
public sealed record WasiNetworkPolicy(bool InheritNetwork = false, bool AllowIpNameLookup = false, bool AllowTcp = true, bool AllowUdp = true)
{
    /// <summary>The default: sockets may be created but reach no address, and no name is looked up.</summary>
    public static WasiNetworkPolicy Denied { get; } = new();
}
