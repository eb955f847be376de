using Heron.Components;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// <c>wasi:sockets/udp</c>: <c>udp-socket</c> over <see cref="UdpSocketResource"/> and its datagram streams,
/// <see cref="IncomingDatagramStream"/> and <see cref="OutgoingDatagramStream"/>.
/// </summary>
internal static class UdpInterface
{
    private const string Socket = "[method]udp-socket.";

    public static void Define(ComponentLinkerInstance udp, Preview2Host host)
    {
        var tables = host.Sockets;
        var sockets = tables.UdpSockets;
        udp.DefineResource("network", tables.Networks.Type)
            .DefineResource("udp-socket", sockets.Type)
            .DefineResource("incoming-datagram-stream", tables.IncomingDatagramStreams.Type)
            .DefineResource("outgoing-datagram-stream", tables.OutgoingDatagramStreams.Type)
            .DefineResource("pollable", host.Pollables.Type);

        Method(udp, sockets, "start-bind", (s, args) => s.StartBind(SocketAddresses.ToEndPoint(args[2])));
        Method(udp, sockets, "finish-bind", (s, _) => s.FinishBind());
        Function(udp, sockets, "stream", (s, args) =>
        {
            var remote = args[1].Label == "some" ? SocketAddresses.ToEndPoint(args[1].Payload!) : null;
            var (incoming, outgoing) = s.Stream(remote);
            return ComponentValue.Tuple([tables.IncomingDatagramStreams.New(incoming), tables.OutgoingDatagramStreams.New(outgoing)]);
        });
        Function(udp, sockets, "local-address", (s, _) => SocketAddresses.FromEndPoint(s.LocalAddress()));
        Function(udp, sockets, "remote-address", (s, _) => SocketAddresses.FromEndPoint(s.RemoteAddress()));
        udp.DefineFunction(Socket + "address-family", args => ComponentValue.Enum(SocketAddresses.FamilyLabel(sockets.Get(args[0]).Family)));
        Function(udp, sockets, "unicast-hop-limit", (s, _) => ComponentValue.U8(s.Options.HopLimit));
        Method(udp, sockets, "set-unicast-hop-limit", (s, args) => s.Options.SetHopLimit(args[1].AsU8()));
        Function(udp, sockets, "receive-buffer-size", (s, _) => ComponentValue.U64(s.Options.ReceiveBufferSize));
        Method(udp, sockets, "set-receive-buffer-size", (s, args) => s.Options.SetReceiveBufferSize(args[1].AsU64()));
        Function(udp, sockets, "send-buffer-size", (s, _) => ComponentValue.U64(s.Options.SendBufferSize));
        Method(udp, sockets, "set-send-buffer-size", (s, args) => s.Options.SetSendBufferSize(args[1].AsU64()));
        // A UDP socket has no operation of its own that runs in the background: its pollable is always ready.
        udp.DefineFunction(Socket + "subscribe", _ => host.Pollables.New(new ReadyPollable()));

        var incomings = tables.IncomingDatagramStreams;
        udp.DefineFunction("[method]incoming-datagram-stream.receive", args => SocketInterfaces.Result(() =>
            ComponentValue.List([.. incomings.Get(args[0]).Receive(args[1].AsU64()).Select(d => ComponentValue.Record([
                ("data", ComponentValue.Bytes(d.Data)),
                ("remote-address", SocketAddresses.FromEndPoint(d.From)),
            ]))])));
        udp.DefineFunction("[method]incoming-datagram-stream.subscribe", args =>
        {
            var stream = incomings.Get(args[0]);
            return host.Pollables.New(new OperationPollable(stream.PendingOperation));
        });

        var outgoings = tables.OutgoingDatagramStreams;
        udp.DefineFunction("[method]outgoing-datagram-stream.check-send", args => SocketInterfaces.Result(() => ComponentValue.U64(outgoings.Get(args[0]).CheckSend())));
        udp.DefineFunction("[method]outgoing-datagram-stream.send", args => SocketInterfaces.Result(() =>
            ComponentValue.U64(outgoings.Get(args[0]).Send([.. args[1].AsList().Select(OutgoingDatagram)]))));
        udp.DefineFunction("[method]outgoing-datagram-stream.subscribe", _ => host.Pollables.New(new ReadyPollable()));
    }

    private static (ReadOnlyMemory<byte>, System.Net.IPEndPoint?) OutgoingDatagram(ComponentValue datagram)
    {
        var fields = datagram.AsRecord();
        ReadOnlyMemory<byte> data = default;
        ComponentValue? remote = null;
        foreach (var (name, value) in fields)
        {
            if (name == "data") data = value.AsBytes();
            else if (name == "remote-address") remote = value;
        }
        return (data, remote is { Label: "some" } some ? SocketAddresses.ToEndPoint(some.Payload!) : null);
    }

    private static void Function(ComponentLinkerInstance udp, ResourceTable<UdpSocketResource> sockets, string name,
        Func<UdpSocketResource, IReadOnlyList<ComponentValue>, ComponentValue> body) =>
        udp.DefineFunction(Socket + name, args => SocketInterfaces.Result(() => body(sockets.Get(args[0]), args)));

    private static void Method(ComponentLinkerInstance udp, ResourceTable<UdpSocketResource> sockets, string name,
        Action<UdpSocketResource, IReadOnlyList<ComponentValue>> body) =>
        udp.DefineFunction(Socket + name, args => SocketInterfaces.Result(() => body(sockets.Get(args[0]), args)));
}
