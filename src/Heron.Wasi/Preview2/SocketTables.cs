namespace Heron.Wasi.Preview2;

/// <summary>The tables behind <c>wasi:sockets</c>' resources.</summary>
internal sealed class SocketTables
{
    public ResourceTable<NetworkHandle> Networks { get; } = new("network");
    public ResourceTable<SocketHandle> TcpSockets { get; } = new("tcp-socket");
    public ResourceTable<SocketHandle> UdpSockets { get; } = new("udp-socket");
    public ResourceTable<NetworkHandle> ResolveStreams { get; } = new("resolve-address-stream");
    public ResourceTable<NetworkHandle> IncomingDatagramStreams { get; } = new("incoming-datagram-stream");
    public ResourceTable<NetworkHandle> OutgoingDatagramStreams { get; } = new("outgoing-datagram-stream");
}

/// <summary>The guest's network capability: one per <c>instance-network</c> call, with nothing in it to ask.</summary>
internal sealed class NetworkHandle;

/// <summary>A socket the guest created, with the address family it asked for (<c>ipv4</c> or <c>ipv6</c>).</summary>
internal sealed class SocketHandle(string family)
{
    public string Family { get; } = family;
}
