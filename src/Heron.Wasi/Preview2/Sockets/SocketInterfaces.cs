using Heron.Components;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// <c>wasi:sockets</c> on .NET's sockets. The guest gets its network handle and may create sockets (unless
/// TCP or UDP is switched off), but without <see cref="WasiNetworkPolicy.InheritNetwork"/> no address may be
/// bound, connected or sent to, and without <see cref="WasiNetworkPolicy.AllowIpNameLookup"/> no name
/// resolved: those answer <c>access-denied</c>, as Wasmtime does by default. TCP and UDP are
/// <see cref="TcpInterface"/> and <see cref="UdpInterface"/>.
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
            .DefineFunction("network-error-code", args => host.Errors.Get(args[0]).NetworkError is { } code
                ? ComponentValue.Some(ComponentValue.Enum(code))
                : ComponentValue.None);
        linker.Instance("wasi:sockets/instance-network@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineFunction("instance-network", _ => sockets.Networks.New(new NetworkHandle()));

        linker.Instance("wasi:sockets/tcp-create-socket@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("tcp-socket", sockets.TcpSockets.Type)
            .DefineFunction("create-tcp-socket", args => Result(() => policy.AllowTcp
                ? sockets.TcpSockets.New(TcpSocketResource.Create(SocketAddresses.Family(args[0].Label!), policy))
                : throw NetworkFailure.AccessDenied()));
        linker.Instance("wasi:sockets/udp-create-socket@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("udp-socket", sockets.UdpSockets.Type)
            .DefineFunction("create-udp-socket", args => Result(() => policy.AllowUdp
                ? sockets.UdpSockets.New(UdpSocketResource.Create(SocketAddresses.Family(args[0].Label!), policy))
                : throw NetworkFailure.AccessDenied()));

        var streams = sockets.ResolveStreams;
        linker.Instance("wasi:sockets/ip-name-lookup@0.2.0")
            .DefineResource("network", sockets.Networks.Type)
            .DefineResource("pollable", host.Pollables.Type)
            .DefineResource("resolve-address-stream", streams.Type)
            .DefineFunction("resolve-addresses", args => Result(() => policy.AllowIpNameLookup
                ? streams.New(ResolveAddressStream.Start(args[1].AsString()))
                : throw NetworkFailure.AccessDenied()))
            .DefineFunction("[method]resolve-address-stream.resolve-next-address", args => Result(() =>
                streams.Get(args[0]).Next() is { } address ? ComponentValue.Some(SocketAddresses.FromAddress(address)) : ComponentValue.None))
            .DefineFunction("[method]resolve-address-stream.subscribe", args =>
            {
                var stream = streams.Get(args[0]);
                return host.Pollables.New(new OperationPollable(() => stream.Pending));
            });

        TcpInterface.Define(linker.Instance("wasi:sockets/tcp@0.2.0"), host);
        UdpInterface.Define(linker.Instance("wasi:sockets/udp@0.2.0"), host);
    }

    /// <summary>Runs a socket operation, answering <c>ok</c> with its value or <c>err</c> with its <c>error-code</c>.</summary>
    public static ComponentValue Result(Func<ComponentValue?> operation)
    {
        try
        {
            return ComponentValue.Ok(operation());
        }
        catch (NetworkFailure failure)
        {
            return ComponentValue.Error(ComponentValue.Enum(failure.Code));
        }
    }

    /// <summary>Runs a socket operation that answers nothing on success.</summary>
    public static ComponentValue Result(Action operation) => Result(() =>
    {
        operation();
        return null;
    });
}
