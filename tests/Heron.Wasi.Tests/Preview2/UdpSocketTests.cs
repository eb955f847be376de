using System.Net;
using System.Net.Sockets;
using System.Text;
using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;
using static Heron.Wasi.Tests.Preview2.SocketValues;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>wasi:sockets/udp with the network granted: datagrams over the loopback interface.</summary>
public sealed class UdpSocketTests
{
    private static ComponentValue BoundSocket(Preview2Harness h)
    {
        var socket = h.Ok("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket", ComponentValue.Enum("ipv4"))!;
        var network = h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");
        h.Ok(Udp, "[method]udp-socket.start-bind", Borrow(socket), Borrow(network), Loopback(0));
        h.Ok(Udp, "[method]udp-socket.finish-bind", Borrow(socket));
        return socket;
    }

    private static ComponentValue Datagram(string text, ComponentValue? to) => ComponentValue.Record([
        ("data", Bytes(text)),
        ("remote-address", to is null ? ComponentValue.None : ComponentValue.Some(to)),
    ]);

    [Fact]
    public void ADatagramMakesTheRoundTripThroughTheGuest()
    {
        using var h = Granted();
        var socket = BoundSocket(h);
        ushort port = Port(h.Ok(Udp, "[method]udp-socket.local-address", Borrow(socket))!);
        var streams = h.Ok(Udp, "[method]udp-socket.stream", Borrow(socket), ComponentValue.None)!.AsList();
        var (incoming, outgoing) = (streams[0], streams[1]);
        Assert.Equal("invalid-state", h.Error(Udp, "[method]udp-socket.remote-address", Borrow(socket)).Label);

        var arrival = h.Get(Udp, "[method]incoming-datagram-stream.subscribe", Borrow(incoming));
        Assert.Empty(h.Ok(Udp, "[method]incoming-datagram-stream.receive", Borrow(incoming), ComponentValue.U64(4))!.AsList());
        Assert.False(Ready(h, arrival));

        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        host.Send("marco"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        Wait(h, arrival);
        var datagram = Assert.Single(h.Ok(Udp, "[method]incoming-datagram-stream.receive", Borrow(incoming), ComponentValue.U64(4))!.AsList()).AsRecord();
        Assert.Equal("marco", Encoding.UTF8.GetString(datagram[0].Value.AsBytes().Span));
        var from = datagram[1].Value;
        Assert.Equal(((IPEndPoint)host.Client.LocalEndPoint!).Port, Port(from));

        Assert.Equal(OutgoingPermit(h, outgoing), h.Ok(Udp, "[method]outgoing-datagram-stream.check-send", Borrow(outgoing))!.AsU64());
        Assert.Equal(1UL, h.Ok(Udp, "[method]outgoing-datagram-stream.send", Borrow(outgoing), ComponentValue.List([Datagram("polo", from)]))!.AsU64());
        var remote = new IPEndPoint(IPAddress.Any, 0);
        Assert.Equal("polo", Encoding.UTF8.GetString(host.Receive(ref remote)));
        Assert.Equal(port, remote.Port);
    }

    private static ulong OutgoingPermit(Preview2Harness h, ComponentValue outgoing) =>
        h.Ok(Udp, "[method]outgoing-datagram-stream.check-send", Borrow(outgoing))!.AsU64();

    [Fact]
    public void StreamsToOnePeerSendOnlyToItAndHearOnlyIt()
    {
        using var h = Granted();
        var socket = BoundSocket(h);
        ushort port = Port(h.Ok(Udp, "[method]udp-socket.local-address", Borrow(socket))!);
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerAddress = Loopback((IPEndPoint)peer.Client.LocalEndPoint!);
        var streams = h.Ok(Udp, "[method]udp-socket.stream", Borrow(socket), ComponentValue.Some(peerAddress))!.AsList();
        var (incoming, outgoing) = (streams[0], streams[1]);
        Assert.Equal(Port(peerAddress), Port(h.Ok(Udp, "[method]udp-socket.remote-address", Borrow(socket))!));

        stranger.Send("not for you"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        peer.Send("for you"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        var received = new List<ComponentValue>();
        while (received.Count == 0)
        {
            Wait(h, h.Get(Udp, "[method]incoming-datagram-stream.subscribe", Borrow(incoming)));
            received.AddRange(h.Ok(Udp, "[method]incoming-datagram-stream.receive", Borrow(incoming), ComponentValue.U64(8))!.AsList());
        }
        Assert.Equal("for you", Encoding.UTF8.GetString(Assert.Single(received).AsRecord()[0].Value.AsBytes().Span));

        OutgoingPermit(h, outgoing);
        Assert.Equal("invalid-argument", h.Error(Udp, "[method]outgoing-datagram-stream.send", Borrow(outgoing),
            ComponentValue.List([Datagram("elsewhere", Loopback((IPEndPoint)stranger.Client.LocalEndPoint!))])).Label);
        OutgoingPermit(h, outgoing);
        h.Ok(Udp, "[method]outgoing-datagram-stream.send", Borrow(outgoing), ComponentValue.List([Datagram("implied", null)]));
        var remote = new IPEndPoint(IPAddress.Any, 0);
        Assert.Equal("implied", Encoding.UTF8.GetString(peer.Receive(ref remote)));

        // A second stream call retires the first pair of streams.
        h.Ok(Udp, "[method]udp-socket.stream", Borrow(socket), ComponentValue.None);
        Assert.Equal("invalid-state", h.Error(Udp, "[method]outgoing-datagram-stream.check-send", Borrow(outgoing)).Label);
    }

    [Fact]
    public void SendingMoreThanCheckSendPermittedTraps()
    {
        using var h = Granted();
        var socket = BoundSocket(h);
        var outgoing = h.Ok(Udp, "[method]udp-socket.stream", Borrow(socket), ComponentValue.Some(Loopback(9)))!.AsList()[1];
        Assert.Equal(0UL, h.Ok(Udp, "[method]outgoing-datagram-stream.send", Borrow(outgoing), ComponentValue.List([]))!.AsU64());
        Assert.Throws<TrapException>(() => h.Call(Udp, "[method]outgoing-datagram-stream.send", Borrow(outgoing), ComponentValue.List([Datagram("x", null)])));
    }

    [Fact]
    public void AnUnboundSocketHasNoStreamsNorAddress()
    {
        using var h = Granted();
        var socket = h.Ok("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket", ComponentValue.Enum("ipv4"))!;
        Assert.Equal("invalid-state", h.Error(Udp, "[method]udp-socket.stream", Borrow(socket), ComponentValue.None).Label);
        Assert.Equal("invalid-state", h.Error(Udp, "[method]udp-socket.local-address", Borrow(socket)).Label);
        Assert.Equal("not-in-progress", h.Error(Udp, "[method]udp-socket.finish-bind", Borrow(socket)).Label);
        h.Ok(Udp, "[method]udp-socket.set-unicast-hop-limit", Borrow(socket), ComponentValue.U8(7));
        Assert.Equal(7, h.Ok(Udp, "[method]udp-socket.unicast-hop-limit", Borrow(socket))!.AsU8());
    }
}
