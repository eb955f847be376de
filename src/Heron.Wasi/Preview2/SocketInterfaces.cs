using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// <c>wasi:sockets</c>. The guest gets its network handle and may create sockets (unless TCP or UDP is
/// switched off), but without <see cref="WasiNetworkPolicy.InheritNetwork"/> no address may be bound or
/// connected to, and without <see cref="WasiNetworkPolicy.AllowIpNameLookup"/> no name resolved: both answer
/// <c>access-denied</c>, as Wasmtime does by default.
/// </summary>
internal static class SocketInterfaces
{
    public static void Define(ComponentLinker linker, Preview2Host host)
    {
        var policy = host.Context.Network;
        var sockets = host.Sockets;
        linker.Instance("wasi:sockets/network@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("error", host.Errors.Type)
            // No stream error of Heron's comes from a socket, so none carries a network error code.
            .DefineFunction("network-error-code", _ => ComponentValue.None);
        linker.Instance("wasi:sockets/instance-network@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineFunction("instance-network", _ => sockets.Networks.New(new NetworkHandle()));

        linker.Instance("wasi:sockets/tcp-create-socket@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("tcp-socket", sockets.TcpSockets.Type)
            .DefineFunction("create-tcp-socket", args => policy.AllowTcp
                ? ComponentValue.Ok(sockets.TcpSockets.New(new SocketHandle(args[0].Label!)))
                : Denied);
        linker.Instance("wasi:sockets/udp-create-socket@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("udp-socket", sockets.UdpSockets.Type)
            .DefineFunction("create-udp-socket", args => policy.AllowUdp
                ? ComponentValue.Ok(sockets.UdpSockets.New(new SocketHandle(args[0].Label!)))
                : Denied);

        linker.Instance("wasi:sockets/ip-name-lookup@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("pollable", host.Pollables.Type)
            .DefineResource("resolve-address-stream", sockets.ResolveStreams.Type)
            .DefineFunction("resolve-addresses", _ => policy.AllowIpNameLookup ? Unsupported : Denied)
            .DefineFunction("[method]resolve-address-stream.resolve-next-address", _ => Unsupported)
            .DefineFunction("[method]resolve-address-stream.subscribe", _ => host.Pollables.New(new ReadyPollable()));

        DefineTcp(linker.Instance("wasi:sockets/tcp@0.2.0"), host, policy);
        DefineUdp(linker.Instance("wasi:sockets/udp@0.2.0"), host, policy);
    }

    /// <summary>What every operation that would reach the network answers without the grant.</summary>
    private static ComponentValue Denied => ComponentValue.Error(ComponentValue.Enum("access-denied"));

    /// <summary>What a granted operation answers: Heron does not yet carry guest traffic to host sockets.</summary>
    private static ComponentValue Unsupported => ComponentValue.Error(ComponentValue.Enum("not-supported"));

    private static ComponentValue NetworkOperation(WasiNetworkPolicy policy) => policy.InheritNetwork ? Unsupported : Denied;

    private static void DefineTcp(ComponentLinkerInstance tcp, Preview2Host host, WasiNetworkPolicy policy)
    {
        var sockets = host.Sockets;
        tcp.DefineResource("network", sockets.Networks.Type)
            .DefineResource("tcp-socket", sockets.TcpSockets.Type)
            .DefineResource("input-stream", host.InputStreams.Type)
            .DefineResource("output-stream", host.OutputStreams.Type)
            .DefineResource("pollable", host.Pollables.Type);
        foreach (var name in new[] { "start-bind", "start-connect" })
            tcp.DefineFunction($"[method]tcp-socket.{name}", _ => NetworkOperation(policy));
        // Nothing can have started, so every finishing step and every query of a connection is out of order.
        foreach (var name in new[] { "finish-bind", "finish-connect", "start-listen", "finish-listen", "accept", "local-address", "remote-address", "shutdown" })
            tcp.DefineFunction($"[method]tcp-socket.{name}", _ => InvalidState);
        tcp.DefineFunction("[method]tcp-socket.is-listening", _ => ComponentValue.Bool(false));
        tcp.DefineFunction("[method]tcp-socket.address-family", args => ComponentValue.Enum(sockets.TcpSockets.Get(args[0]).Family));
        DefineOptions(tcp, "tcp-socket", ["keep-alive-enabled", "keep-alive-idle-time", "keep-alive-interval", "keep-alive-count", "hop-limit",
            "receive-buffer-size", "send-buffer-size", "listen-backlog-size"]);
        tcp.DefineFunction("[method]tcp-socket.subscribe", _ => host.Pollables.New(new ReadyPollable()));
    }

    private static void DefineUdp(ComponentLinkerInstance udp, Preview2Host host, WasiNetworkPolicy policy)
    {
        var sockets = host.Sockets;
        udp.DefineResource("network", sockets.Networks.Type)
            .DefineResource("udp-socket", sockets.UdpSockets.Type)
            .DefineResource("incoming-datagram-stream", sockets.IncomingDatagramStreams.Type)
            .DefineResource("outgoing-datagram-stream", sockets.OutgoingDatagramStreams.Type)
            .DefineResource("pollable", host.Pollables.Type);
        udp.DefineFunction("[method]udp-socket.start-bind", _ => NetworkOperation(policy));
        foreach (var name in new[] { "finish-bind", "stream", "local-address", "remote-address" })
            udp.DefineFunction($"[method]udp-socket.{name}", _ => InvalidState);
        udp.DefineFunction("[method]udp-socket.address-family", args => ComponentValue.Enum(sockets.UdpSockets.Get(args[0]).Family));
        DefineOptions(udp, "udp-socket", ["unicast-hop-limit", "receive-buffer-size", "send-buffer-size"]);
        udp.DefineFunction("[method]udp-socket.subscribe", _ => host.Pollables.New(new ReadyPollable()));
        // Datagram streams come only from a bound socket's stream(), which never succeeds here.
        udp.DefineFunction("[method]incoming-datagram-stream.receive", _ => InvalidState);
        udp.DefineFunction("[method]incoming-datagram-stream.subscribe", _ => host.Pollables.New(new ReadyPollable()));
        udp.DefineFunction("[method]outgoing-datagram-stream.check-send", _ => InvalidState);
        udp.DefineFunction("[method]outgoing-datagram-stream.send", _ => InvalidState);
        udp.DefineFunction("[method]outgoing-datagram-stream.subscribe", _ => host.Pollables.New(new ReadyPollable()));
    }

    private static ComponentValue InvalidState => ComponentValue.Error(ComponentValue.Enum("invalid-state"));

    /// <summary>
    /// The socket options: a socket that never reaches the network has no host socket to ask, so getting one
    /// answers <c>invalid-state</c> and setting one <c>not-supported</c>.
    /// </summary>
    private static void DefineOptions(ComponentLinkerInstance instance, string resource, string[] options)
    {
        foreach (var option in options)
        {
            if (option != "listen-backlog-size") instance.DefineFunction($"[method]{resource}.{option}", _ => InvalidState);
            instance.DefineFunction($"[method]{resource}.set-{option}", _ => Unsupported);
        }
    }
}
