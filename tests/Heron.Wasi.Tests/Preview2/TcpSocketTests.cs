using System.Net;
using System.Net.Sockets;
using System.Text;
using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;
using static Heron.Wasi.Tests.Preview2.SocketValues;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>wasi:sockets/tcp with the network granted: real connections over the loopback interface.</summary>
public sealed class TcpSocketTests
{
    private static ComponentValue NewSocket(Preview2Harness h) =>
        h.Ok("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket", ComponentValue.Enum("ipv4"))!;

    private static ComponentValue Network(Preview2Harness h) => h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");

    /// <summary>Connects a new guest socket to <paramref name="remote"/>, waiting on its pollable; returns the socket and its streams.</summary>
    private static (ComponentValue Socket, ComponentValue Input, ComponentValue Output) Connect(Preview2Harness h, IPEndPoint remote)
    {
        var socket = NewSocket(h);
        h.Ok(Tcp, "[method]tcp-socket.start-connect", Borrow(socket), Borrow(Network(h)), Loopback(remote));
        Wait(h, h.Get(Tcp, "[method]tcp-socket.subscribe", Borrow(socket)));
        var streams = h.Ok(Tcp, "[method]tcp-socket.finish-connect", Borrow(socket))!.AsList();
        return (socket, streams[0], streams[1]);
    }

    private static string ReadAll(Stream stream, int count)
    {
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return Encoding.UTF8.GetString(buffer);
    }

    [Fact]
    public void AGuestConnectsToAHostListenerAndTheyEcho()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var h = Granted();
        var (socket, input, output) = Connect(h, (IPEndPoint)listener.LocalEndpoint);
        using var peer = listener.AcceptTcpClient();
        using var peerStream = peer.GetStream();

        h.Ok(Streams, "[method]output-stream.blocking-write-and-flush", Borrow(output), Bytes("ping"));
        Assert.Equal("ping", ReadAll(peerStream, 4));
        peerStream.Write("pong"u8);
        Assert.Equal("pong", Encoding.UTF8.GetString(h.Ok(Streams, "[method]input-stream.blocking-read", Borrow(input), ComponentValue.U64(4))!.AsBytes().Span));

        var remote = h.Ok(Tcp, "[method]tcp-socket.remote-address", Borrow(socket))!;
        Assert.Equal(((IPEndPoint)listener.LocalEndpoint).Port, Port(remote));
        Assert.Equal(((IPEndPoint)peer.Client.RemoteEndPoint!).Port, Port(h.Ok(Tcp, "[method]tcp-socket.local-address", Borrow(socket))!));

        peer.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal("closed", h.Error(Streams, "[method]input-stream.blocking-read", Borrow(input), ComponentValue.U64(4)).Label);
    }

    [Fact]
    public void AGuestListensAcceptsAHostClientAndShutsDown()
    {
        using var h = Granted();
        var network = Network(h);
        var listener = NewSocket(h);
        h.Ok(Tcp, "[method]tcp-socket.start-bind", Borrow(listener), Borrow(network), Loopback(0));
        h.Ok(Tcp, "[method]tcp-socket.finish-bind", Borrow(listener));
        h.Ok(Tcp, "[method]tcp-socket.set-listen-backlog-size", Borrow(listener), ComponentValue.U64(16));
        h.Ok(Tcp, "[method]tcp-socket.start-listen", Borrow(listener));
        h.Ok(Tcp, "[method]tcp-socket.finish-listen", Borrow(listener));
        Assert.True(h.Get(Tcp, "[method]tcp-socket.is-listening", Borrow(listener)).AsBool());
        ushort port = Port(h.Ok(Tcp, "[method]tcp-socket.local-address", Borrow(listener))!);
        Assert.NotEqual(0, port);

        // Nobody has connected yet: accept would block and the socket's pollable is not ready.
        var pollable = h.Get(Tcp, "[method]tcp-socket.subscribe", Borrow(listener));
        Assert.Equal("would-block", h.Error(Tcp, "[method]tcp-socket.accept", Borrow(listener)).Label);
        Assert.False(Ready(h, pollable));

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var clientStream = client.GetStream();
        Wait(h, pollable);
        var accepted = h.Ok(Tcp, "[method]tcp-socket.accept", Borrow(listener))!.AsList();
        var (socket, input, output) = (accepted[0], accepted[1], accepted[2]);
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, Port(h.Ok(Tcp, "[method]tcp-socket.remote-address", Borrow(socket))!));

        // Before the client writes, a non-blocking read gives nothing and the stream's pollable waits.
        var readable = h.Get(Streams, "[method]input-stream.subscribe", Borrow(input));
        Assert.Empty(h.Ok(Streams, "[method]input-stream.read", Borrow(input), ComponentValue.U64(16))!.AsBytes().ToArray());
        Assert.False(Ready(h, readable));
        clientStream.Write("hello"u8);
        Wait(h, readable);
        Assert.Equal("hello", Encoding.UTF8.GetString(h.Ok(Streams, "[method]input-stream.read", Borrow(input), ComponentValue.U64(16))!.AsBytes().Span));

        Assert.True(h.Ok(Streams, "[method]output-stream.check-write", Borrow(output))!.AsU64() > 0);
        h.Ok(Streams, "[method]output-stream.write", Borrow(output), Bytes("world"));
        h.Ok(Streams, "[method]output-stream.flush", Borrow(output));
        Wait(h, h.Get(Streams, "[method]output-stream.subscribe", Borrow(output)));
        Assert.Equal("world", ReadAll(clientStream, 5));

        h.Ok(Tcp, "[method]tcp-socket.shutdown", Borrow(socket), ComponentValue.Enum("send"));
        Assert.Equal(0, clientStream.Read(new byte[1]));
        Assert.Equal("closed", h.Error(Streams, "[method]output-stream.check-write", Borrow(output)).Label);
        h.Ok(Tcp, "[method]tcp-socket.shutdown", Borrow(socket), ComponentValue.Enum("send"));
    }

    [Fact]
    public void AResetConnectionFailsTheReadWithItsNetworkErrorCode()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var h = Granted();
        var (_, input, _) = Connect(h, (IPEndPoint)listener.LocalEndpoint);
        using (var peer = listener.AcceptSocket())
        {
            // Closing with a zero linger time sends a reset instead of an orderly end.
            peer.LingerState = new LingerOption(true, 0);
        }
        var failed = h.Error(Streams, "[method]input-stream.blocking-read", Borrow(input), ComponentValue.U64(4));
        Assert.Equal("last-operation-failed", failed.Label);
        var code = h.Get("wasi:sockets/network@0.2.0", "network-error-code", Borrow(failed.Payload!));
        Assert.Equal("connection-reset", code.Payload!.Label);
    }

    [Fact]
    public void ConnectingWhereNobodyListensIsRefusedAndClosesTheSocket()
    {
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var endPoint = (IPEndPoint)unused.LocalEndpoint;
        unused.Stop();
        using var h = Granted();
        var socket = NewSocket(h);
        h.Ok(Tcp, "[method]tcp-socket.start-connect", Borrow(socket), Borrow(Network(h)), Loopback(endPoint));
        Wait(h, h.Get(Tcp, "[method]tcp-socket.subscribe", Borrow(socket)));
        Assert.Equal("connection-refused", h.Error(Tcp, "[method]tcp-socket.finish-connect", Borrow(socket)).Label);
        Assert.Equal("invalid-state", h.Error(Tcp, "[method]tcp-socket.start-connect", Borrow(socket), Borrow(Network(h)), Loopback(endPoint)).Label);
    }

    [Fact]
    public void MethodsOutOfOrderAnswerTheStateErrors()
    {
        using var h = Granted();
        var network = Network(h);
        var socket = NewSocket(h);
        string Error(string method, params ComponentValue[] rest) => h.Error(Tcp, "[method]tcp-socket." + method, [Borrow(socket), .. rest]).Label!;

        Assert.Equal("not-in-progress", Error("finish-bind"));
        Assert.Equal("not-in-progress", Error("finish-connect"));
        Assert.Equal("not-in-progress", Error("finish-listen"));
        Assert.Equal("invalid-state", Error("start-listen"));
        Assert.Equal("invalid-state", Error("accept"));
        Assert.Equal("invalid-state", Error("local-address"));
        Assert.Equal("invalid-state", Error("remote-address"));
        Assert.Equal("invalid-state", Error("shutdown", ComponentValue.Enum("both")));
        Assert.True(Ready(h, h.Get(Tcp, "[method]tcp-socket.subscribe", Borrow(socket))));

        var ipv6Loopback = ComponentValue.Variant("ipv6", ComponentValue.Record([
            ("port", ComponentValue.U16(0)), ("flow-info", ComponentValue.U32(0)),
            ("address", ComponentValue.Tuple([.. Enumerable.Repeat(ComponentValue.U16(0), 7), ComponentValue.U16(1)])),
            ("scope-id", ComponentValue.U32(0)),
        ]));
        Assert.Equal("invalid-argument", Error("start-bind", Borrow(network), ipv6Loopback));
        Assert.Equal("invalid-argument", Error("start-bind", Borrow(network), Ipv4(224, 0, 0, 1, 0)));
        Assert.Equal("invalid-argument", Error("start-connect", Borrow(network), Loopback(0)));
        Assert.Equal("invalid-argument", Error("start-connect", Borrow(network), Ipv4(0, 0, 0, 0, 80)));

        h.Ok(Tcp, "[method]tcp-socket.start-bind", Borrow(socket), Borrow(network), Loopback(0));
        Assert.Equal("invalid-state", Error("start-bind", Borrow(network), Loopback(0)));
        Assert.Equal("invalid-state", Error("start-listen"));
        h.Ok(Tcp, "[method]tcp-socket.finish-bind", Borrow(socket));
        Assert.Equal("not-in-progress", Error("finish-bind"));
        Assert.Equal("invalid-argument", Error("set-listen-backlog-size", ComponentValue.U64(0)));
    }

    [Fact]
    public void OptionsReachTheHostSocket()
    {
        using var h = Granted();
        var socket = NewSocket(h);
        string Method(string name) => "[method]tcp-socket." + name;

        h.Ok(Tcp, Method("set-keep-alive-enabled"), Borrow(socket), ComponentValue.Bool(true));
        Assert.True(h.Ok(Tcp, Method("keep-alive-enabled"), Borrow(socket))!.AsBool());
        h.Ok(Tcp, Method("set-keep-alive-idle-time"), Borrow(socket), ComponentValue.U64(30_000_000_000));
        Assert.Equal(30_000_000_000UL, h.Ok(Tcp, Method("keep-alive-idle-time"), Borrow(socket))!.AsU64());
        h.Ok(Tcp, Method("set-keep-alive-interval"), Borrow(socket), ComponentValue.U64(1_500_000_000));
        Assert.Equal(2_000_000_000UL, h.Ok(Tcp, Method("keep-alive-interval"), Borrow(socket))!.AsU64());
        h.Ok(Tcp, Method("set-keep-alive-count"), Borrow(socket), ComponentValue.U32(5));
        Assert.Equal(5U, h.Ok(Tcp, Method("keep-alive-count"), Borrow(socket))!.AsU32());
        h.Ok(Tcp, Method("set-hop-limit"), Borrow(socket), ComponentValue.U8(42));
        Assert.Equal(42, h.Ok(Tcp, Method("hop-limit"), Borrow(socket))!.AsU8());
        h.Ok(Tcp, Method("set-receive-buffer-size"), Borrow(socket), ComponentValue.U64(32_768));
        Assert.True(h.Ok(Tcp, Method("receive-buffer-size"), Borrow(socket))!.AsU64() >= 16_384);
        h.Ok(Tcp, Method("set-send-buffer-size"), Borrow(socket), ComponentValue.U64(32_768));
        Assert.True(h.Ok(Tcp, Method("send-buffer-size"), Borrow(socket))!.AsU64() >= 16_384);

        Assert.Equal("invalid-argument", h.Error(Tcp, Method("set-hop-limit"), Borrow(socket), ComponentValue.U8(0)).Label);
        Assert.Equal("invalid-argument", h.Error(Tcp, Method("set-keep-alive-idle-time"), Borrow(socket), ComponentValue.U64(0)).Label);
        Assert.Equal("invalid-argument", h.Error(Tcp, Method("set-receive-buffer-size"), Borrow(socket), ComponentValue.U64(0)).Label);
    }

    [Fact]
    public void ClosingTheContextClosesTheSocketsTheGuestStillHolds()
    {
        ushort port;
        using (var h = Granted())
        {
            var listener = NewSocket(h);
            h.Ok(Tcp, "[method]tcp-socket.start-bind", Borrow(listener), Borrow(Network(h)), Loopback(0));
            h.Ok(Tcp, "[method]tcp-socket.finish-bind", Borrow(listener));
            h.Ok(Tcp, "[method]tcp-socket.start-listen", Borrow(listener));
            port = Port(h.Ok(Tcp, "[method]tcp-socket.local-address", Borrow(listener))!);
            using var before = new TcpClient();
            before.Connect(IPAddress.Loopback, port);
        }
        using var after = new TcpClient();
        var refused = Assert.Throws<SocketException>(() => after.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void AnIpv6SocketTalksOverTheIpv6LoopbackAndRefusesMappedAddresses()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        using var h = Granted();
        var socket = h.Ok("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket", ComponentValue.Enum("ipv6"))!;
        Assert.Equal("ipv6", h.Get(Tcp, "[method]tcp-socket.address-family", Borrow(socket)).Label);
        // ::ffff:127.0.0.1 is IPv4 in IPv6 clothing, which WASI keeps out of IPv6 sockets.
        Assert.Equal("invalid-argument", h.Error(Tcp, "[method]tcp-socket.start-connect", Borrow(socket), Borrow(Network(h)),
            Ipv6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1], 80)).Label);
        ushort port = (ushort)((IPEndPoint)listener.LocalEndpoint).Port;
        h.Ok(Tcp, "[method]tcp-socket.start-connect", Borrow(socket), Borrow(Network(h)), Ipv6Loopback(port));
        Wait(h, h.Get(Tcp, "[method]tcp-socket.subscribe", Borrow(socket)));
        var streams = h.Ok(Tcp, "[method]tcp-socket.finish-connect", Borrow(socket))!.AsList();
        var remote = h.Ok(Tcp, "[method]tcp-socket.remote-address", Borrow(socket))!;
        Assert.Equal(("ipv6", port), (remote.Label, Port(remote)));
        using var peer = listener.AcceptTcpClient();
        h.Ok(Streams, "[method]output-stream.blocking-write-and-flush", Borrow(streams[1]), Bytes("six"));
        Assert.Equal("six", ReadAll(peer.GetStream(), 3));
    }
}
