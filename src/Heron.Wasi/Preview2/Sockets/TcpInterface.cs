using Heron.Components;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary><c>wasi:sockets/tcp</c>: the methods of <c>tcp-socket</c>, over <see cref="TcpSocketResource"/>.</summary>
internal static class TcpInterface
{
    private const string Socket = "[method]tcp-socket.";

    public static void Define(ComponentLinkerInstance tcp, Preview2Host host)
    {
        var sockets = host.Sockets.TcpSockets;
        tcp.DefineResource("network", host.Sockets.Networks.Type)
            .DefineResource("tcp-socket", sockets.Type)
            .DefineResource("input-stream", host.InputStreams.Type)
            .DefineResource("output-stream", host.OutputStreams.Type)
            .DefineResource("pollable", host.Pollables.Type);

        Method(tcp, sockets, "start-bind", (s, args) => s.StartBind(SocketAddresses.ToEndPoint(args[2])));
        Method(tcp, sockets, "finish-bind", (s, _) => s.FinishBind());
        Method(tcp, sockets, "start-connect", (s, args) => s.StartConnect(SocketAddresses.ToEndPoint(args[2])));
        Function(tcp, sockets, "finish-connect", (s, _) =>
        {
            var (input, output) = s.FinishConnect();
            return ComponentValue.Tuple([host.InputStreams.New(input), host.OutputStreams.New(output)]);
        });
        Method(tcp, sockets, "start-listen", (s, _) => s.StartListen());
        Method(tcp, sockets, "finish-listen", (s, _) => s.FinishListen());
        Function(tcp, sockets, "accept", (s, _) =>
        {
            var (client, input, output) = s.Accept();
            return ComponentValue.Tuple([sockets.New(client), host.InputStreams.New(input), host.OutputStreams.New(output)]);
        });
        Function(tcp, sockets, "local-address", (s, _) => SocketAddresses.FromEndPoint(s.LocalAddress()));
        Function(tcp, sockets, "remote-address", (s, _) => SocketAddresses.FromEndPoint(s.RemoteAddress()));
        tcp.DefineFunction(Socket + "is-listening", args => ComponentValue.Bool(sockets.Get(args[0]).IsListening));
        tcp.DefineFunction(Socket + "address-family", args => ComponentValue.Enum(SocketAddresses.FamilyLabel(sockets.Get(args[0]).Family)));
        Method(tcp, sockets, "set-listen-backlog-size", (s, args) => s.SetListenBacklogSize(args[1].AsU64()));

        Function(tcp, sockets, "keep-alive-enabled", (s, _) => ComponentValue.Bool(s.Options.KeepAliveEnabled));
        Method(tcp, sockets, "set-keep-alive-enabled", (s, args) => s.Options.SetKeepAliveEnabled(args[1].AsBool()));
        Function(tcp, sockets, "keep-alive-idle-time", (s, _) => ComponentValue.U64(s.Options.KeepAliveIdleTime));
        Method(tcp, sockets, "set-keep-alive-idle-time", (s, args) => s.Options.SetKeepAliveIdleTime(args[1].AsU64()));
        Function(tcp, sockets, "keep-alive-interval", (s, _) => ComponentValue.U64(s.Options.KeepAliveInterval));
        Method(tcp, sockets, "set-keep-alive-interval", (s, args) => s.Options.SetKeepAliveInterval(args[1].AsU64()));
        Function(tcp, sockets, "keep-alive-count", (s, _) => ComponentValue.U32(s.Options.KeepAliveCount));
        Method(tcp, sockets, "set-keep-alive-count", (s, args) => s.Options.SetKeepAliveCount(args[1].AsU32()));
        Function(tcp, sockets, "hop-limit", (s, _) => ComponentValue.U8(s.Options.HopLimit));
        Method(tcp, sockets, "set-hop-limit", (s, args) => s.Options.SetHopLimit(args[1].AsU8()));
        Function(tcp, sockets, "receive-buffer-size", (s, _) => ComponentValue.U64(s.Options.ReceiveBufferSize));
        Method(tcp, sockets, "set-receive-buffer-size", (s, args) => s.Options.SetReceiveBufferSize(args[1].AsU64()));
        Function(tcp, sockets, "send-buffer-size", (s, _) => ComponentValue.U64(s.Options.SendBufferSize));
        Method(tcp, sockets, "set-send-buffer-size", (s, args) => s.Options.SetSendBufferSize(args[1].AsU64()));

        tcp.DefineFunction(Socket + "subscribe", args =>
        {
            var socket = sockets.Get(args[0]);
            return host.Pollables.New(new OperationPollable(socket.PendingOperation));
        });
        Method(tcp, sockets, "shutdown", (s, args) => s.Shutdown(args[1].Label!));
    }

    /// <summary>A method answering <c>result&lt;T, error-code&gt;</c>.</summary>
    private static void Function(ComponentLinkerInstance tcp, ResourceTable<TcpSocketResource> sockets, string name,
        Func<TcpSocketResource, IReadOnlyList<ComponentValue>, ComponentValue> body) =>
        tcp.DefineFunction(Socket + name, args => SocketInterfaces.Result(() => body(sockets.Get(args[0]), args)));

    /// <summary>A method answering <c>result&lt;_, error-code&gt;</c>.</summary>
    private static void Method(ComponentLinkerInstance tcp, ResourceTable<TcpSocketResource> sockets, string name,
        Action<TcpSocketResource, IReadOnlyList<ComponentValue>> body) =>
        tcp.DefineFunction(Socket + name, args => SocketInterfaces.Result(() => body(sockets.Get(args[0]), args)));
}
