namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The tables behind <c>wasi:sockets</c>' resources. Closing it closes every socket the guest has not
/// dropped, so a finished instance holds no port open.
/// </summary>
internal sealed class SocketTables : IDisposable
{
    public ResourceTable<NetworkHandle> Networks { get; } = new("network");
    public ResourceTable<TcpSocketResource> TcpSockets { get; } = new("tcp-socket");
    public ResourceTable<UdpSocketResource> UdpSockets { get; } = new("udp-socket");
    public ResourceTable<ResolveAddressStream> ResolveStreams { get; } = new("resolve-address-stream");
    public ResourceTable<IncomingDatagramStream> IncomingDatagramStreams { get; } = new("incoming-datagram-stream");
    public ResourceTable<OutgoingDatagramStream> OutgoingDatagramStreams { get; } = new("outgoing-datagram-stream");

    public void Dispose()
    {
        TcpSockets.DisposeAll();
        UdpSockets.DisposeAll();
    }
}

/// <summary>The guest's network capability: one per <c>instance-network</c> call; what it may reach is the context's policy.</summary>
internal sealed class NetworkHandle;
