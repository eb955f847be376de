using System.Net;
using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The object behind a <c>tcp-socket</c>: a .NET <see cref="Socket"/> driven through WASI's state machine.
/// Bind and listen happen in their <c>start-*</c> call (WASI allows it; the <c>finish-*</c> then only
/// completes the step); connect and accept run in the background, and their <c>finish-connect</c> and
/// <c>accept</c> answer <c>would-block</c> until done. Nothing reaches the network without
/// <see cref="WasiNetworkPolicy.InheritNetwork"/>.
/// </summary>
internal sealed class TcpSocketResource : IDisposable
{
    /// <summary>The listen backlog until the guest sets one; the value Rust's standard library uses.</summary>
    private const int DefaultBacklog = 128;

    private readonly Socket socket;
    private readonly WasiNetworkPolicy policy;
    private TcpState state;
    private Task? connecting;
    private Task<Socket>? accepting;
    private int backlog = DefaultBacklog;
    private SocketInput? input;
    private SocketOutput? output;

    private TcpSocketResource(Socket socket, WasiNetworkPolicy policy, TcpState state)
    {
        this.socket = socket;
        this.policy = policy;
        this.state = state;
    }

    /// <summary>A new unbound socket of <paramref name="family"/>; an IPv6 socket takes no IPv4 traffic, as WASI keeps the two apart.</summary>
    public static TcpSocketResource Create(AddressFamily family, WasiNetworkPolicy policy)
    {
        var socket = SocketErrorCodes.Guard(() => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
        if (family == AddressFamily.InterNetworkV6) socket.DualMode = false;
        return new TcpSocketResource(socket, policy, TcpState.Unbound);
    }

    public AddressFamily Family => socket.AddressFamily;

    public bool IsListening => state == TcpState.Listening;

    public void StartBind(IPEndPoint local)
    {
        // The grant comes first, as in Wasmtime: a guest without it learns nothing of the socket's state.
        if (!policy.InheritNetwork) throw NetworkFailure.AccessDenied();
        Require(TcpState.Unbound);
        SocketAddresses.CheckLocal(local, Family);
        // WASI asks that a recent connection's TIME_WAIT not block binding its port again; on Windows that
        // is the default, and SO_REUSEADDR there means something else entirely.
        if (local.Port != 0 && !OperatingSystem.IsWindows()) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        SocketErrorCodes.Guard(() => socket.Bind(local));
        state = TcpState.BindInProgress;
    }

    public void FinishBind()
    {
        if (state != TcpState.BindInProgress) throw NetworkFailure.NotInProgress();
        state = TcpState.Bound;
    }

    public void StartListen()
    {
        Require(TcpState.Bound);
        try
        {
            SocketErrorCodes.Guard(() => socket.Listen(backlog));
        }
        catch (NetworkFailure)
        {
            state = TcpState.Closed;
            throw;
        }
        state = TcpState.ListenInProgress;
    }

    public void FinishListen()
    {
        if (state != TcpState.ListenInProgress) throw NetworkFailure.NotInProgress();
        state = TcpState.Listening;
    }

    public void StartConnect(IPEndPoint remote)
    {
        if (!policy.InheritNetwork) throw NetworkFailure.AccessDenied();
        if (state != TcpState.Bound) Require(TcpState.Unbound);
        SocketAddresses.CheckRemote(remote, Family);
        try
        {
            connecting = SocketErrorCodes.Guard(() => socket.ConnectAsync(remote));
        }
        catch (NetworkFailure)
        {
            state = TcpState.Closed;
            throw;
        }
        state = TcpState.ConnectInProgress;
    }

    public (SocketInput Input, SocketOutput Output) FinishConnect()
    {
        if (state != TcpState.ConnectInProgress) throw NetworkFailure.NotInProgress();
        var connect = connecting!;
        if (!connect.IsCompleted) throw NetworkFailure.WouldBlock();
        connecting = null;
        if (!connect.IsCompletedSuccessfully)
        {
            state = TcpState.Closed;
            throw SocketErrorCodes.Failure(connect);
        }
        state = TcpState.Connected;
        return OpenStreams();
    }

    /// <summary>The next pending connection, or <c>would-block</c> while none has arrived.</summary>
    public (TcpSocketResource Client, SocketInput Input, SocketOutput Output) Accept()
    {
        Require(TcpState.Listening);
        var accept = Accepting()!;
        if (!accept.IsCompleted) throw NetworkFailure.WouldBlock();
        accepting = null;
        if (!accept.IsCompletedSuccessfully) throw SocketErrorCodes.Failure(accept);
        var client = new TcpSocketResource(accept.Result, policy, TcpState.Connected);
        var (clientInput, clientOutput) = client.OpenStreams();
        return (client, clientInput, clientOutput);
    }

    public IPEndPoint LocalAddress()
    {
        if (state is TcpState.Unbound or TcpState.BindInProgress or TcpState.Closed) throw NetworkFailure.InvalidState();
        return socket.LocalEndPoint as IPEndPoint ?? throw NetworkFailure.InvalidState();
    }

    public IPEndPoint RemoteAddress()
    {
        Require(TcpState.Connected);
        return SocketErrorCodes.Guard(() => (IPEndPoint)socket.RemoteEndPoint!);
    }

    public void Shutdown(string how)
    {
        Require(TcpState.Connected);
        if (how != "send") input!.Shut();
        if (how != "receive") output!.Shut();
        // A peer that has already gone makes the host's shutdown fail; the streams are closed all the same.
        try
        {
            socket.Shutdown(how switch { "receive" => SocketShutdown.Receive, "send" => SocketShutdown.Send, _ => SocketShutdown.Both });
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>
    /// A new backlog: 0 is <c>invalid-argument</c>, a connecting or connected socket has none to set, and a
    /// listening socket takes it at once (listen may be called again to change it).
    /// </summary>
    public void SetListenBacklogSize(ulong value)
    {
        if (value == 0) throw NetworkFailure.InvalidArgument();
        if (state is TcpState.ConnectInProgress or TcpState.Connected) throw NetworkFailure.InvalidState();
        backlog = (int)Math.Min(value, int.MaxValue);
        if (state is TcpState.ListenInProgress or TcpState.Listening) SocketErrorCodes.Guard(() => socket.Listen(backlog));
    }

    /// <summary>The options every TCP socket has: keep-alive, hop limit, buffer sizes.</summary>
    public SocketOptions Options => new(socket);

    /// <summary>
    /// What the socket's pollable waits for: the connect under way, or while listening the next
    /// connection; in any other state it is ready.
    /// </summary>
    public Task? PendingOperation() => state switch
    {
        TcpState.ConnectInProgress => connecting,
        TcpState.Listening => Accepting(),
        _ => null,
    };

    public void Dispose() => socket.Dispose();

    private Task<Socket>? Accepting() => accepting ??= socket.AcceptAsync();

    private void Require(TcpState expected)
    {
        if (state != expected) throw NetworkFailure.InvalidState();
    }

    private (SocketInput, SocketOutput) OpenStreams()
    {
        input = new SocketInput(socket);
        output = new SocketOutput(socket);
        return (input, output);
    }
}
