using System.Net;
using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The object behind a <c>udp-socket</c>. Binding happens in <c>start-bind</c>; <c>stream</c> then hands out
/// the datagram streams. A remote address given to <c>stream</c> is kept here rather than connected on the
/// host (POSIX undoes a UDP connect with an AF_UNSPEC connect, which .NET cannot make): the streams send
/// only to it and drop datagrams from anyone else, which is what a connected socket does.
/// </summary>
internal sealed class UdpSocketResource : IDisposable
{
    private readonly Socket socket;
    private readonly WasiNetworkPolicy policy;
    private bool bindStarted;
    private bool bound;

    private UdpSocketResource(Socket socket, WasiNetworkPolicy policy)
    {
        this.socket = socket;
        this.policy = policy;
    }

    public static UdpSocketResource Create(AddressFamily family, WasiNetworkPolicy policy)
    {
        var socket = SocketErrorCodes.Guard(() => new Socket(family, SocketType.Dgram, ProtocolType.Udp));
        if (family == AddressFamily.InterNetworkV6) socket.DualMode = false;
        return new UdpSocketResource(socket, policy);
    }

    public AddressFamily Family => socket.AddressFamily;

    /// <summary>The peer the latest streams are limited to; null when they talk to anyone.</summary>
    public IPEndPoint? Remote { get; private set; }

    /// <summary>Counts the calls of <c>stream</c>: only the streams of the latest one work.</summary>
    public int Generation { get; private set; }

    public WasiNetworkPolicy Policy => policy;

    public Socket Socket => socket;

    public void StartBind(IPEndPoint local)
    {
        // The grant comes first, as in Wasmtime: a guest without it learns nothing of the socket's state.
        if (!policy.InheritNetwork) throw NetworkFailure.AccessDenied();
        if (bound || bindStarted) throw NetworkFailure.InvalidState();
        SocketAddresses.CheckLocal(local, Family);
        SocketErrorCodes.Guard(() => socket.Bind(local));
        bindStarted = true;
    }

    public void FinishBind()
    {
        if (!bindStarted) throw NetworkFailure.NotInProgress();
        bindStarted = false;
        bound = true;
    }

    /// <summary>New datagram streams, to <paramref name="remote"/> only when given; the earlier ones stop working.</summary>
    public (IncomingDatagramStream Incoming, OutgoingDatagramStream Outgoing) Stream(IPEndPoint? remote)
    {
        if (!bound) throw NetworkFailure.InvalidState();
        if (remote != null) SocketAddresses.CheckRemote(remote, Family);
        Remote = remote;
        Generation++;
        return (new IncomingDatagramStream(this, Generation), new OutgoingDatagramStream(this, Generation));
    }

    public IPEndPoint LocalAddress() => bound ? (IPEndPoint)socket.LocalEndPoint! : throw NetworkFailure.InvalidState();

    public IPEndPoint RemoteAddress() => Remote ?? throw NetworkFailure.InvalidState();

    public SocketOptions Options => new(socket);

    /// <summary>Throws <c>invalid-state</c> for a stream of an earlier <c>stream</c> call.</summary>
    public void CheckCurrent(int generation)
    {
        if (generation != Generation) throw NetworkFailure.InvalidState();
    }

    public void Dispose() => socket.Dispose();
}
