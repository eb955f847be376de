using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;

namespace Heron.Wasi.Tests.Preview2;

public sealed class SocketTests
{
    private static ComponentValue Ipv4Loopback(ushort port) => ComponentValue.Variant("ipv4", ComponentValue.Record([
        ("port", ComponentValue.U16(port)),
        ("address", ComponentValue.Tuple([ComponentValue.U8(127), ComponentValue.U8(0), ComponentValue.U8(0), ComponentValue.U8(1)])),
    ]));

    [Fact]
    public void WithoutAGrantSocketsExistButReachNothing()
    {
        using var h = new Preview2Harness();
        var network = h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");
        var socket = h.Ok("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket", ComponentValue.Enum("ipv4"))!;
        Assert.Equal("ipv4", h.Get("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.address-family", Borrow(socket)).Label);
        Assert.Equal("access-denied", h.Error("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-connect", Borrow(socket), Borrow(network), Ipv4Loopback(80)).Label);
        Assert.Equal("access-denied", h.Error("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-bind", Borrow(socket), Borrow(network), Ipv4Loopback(0)).Label);
        // The grant is checked before anything else, as in Wasmtime, and a denied call leaves the socket as it was.
        Assert.Equal("access-denied", h.Error("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.start-bind", Borrow(socket), Borrow(network), ComponentValue.Variant("ipv4", ComponentValue.Record([
            ("port", ComponentValue.U16(0)), ("address", ComponentValue.Tuple([ComponentValue.U8(224), ComponentValue.U8(0), ComponentValue.U8(0), ComponentValue.U8(1)]))]))).Label);
        Assert.Equal("not-in-progress", h.Error("wasi:sockets/tcp@0.2.0", "[method]tcp-socket.finish-bind", Borrow(socket)).Label);
        var udp = h.Ok("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket", ComponentValue.Enum("ipv6"))!;
        Assert.Equal("access-denied", h.Error("wasi:sockets/udp@0.2.0", "[method]udp-socket.start-bind", Borrow(udp), Borrow(network), Ipv4Loopback(0)).Label);
        Assert.Equal("access-denied", h.Error("wasi:sockets/ip-name-lookup@0.2.0", "resolve-addresses", Borrow(network), ComponentValue.String("example.com")).Label);
    }

    [Fact]
    public void TcpAndUdpCanBeSwitchedOff()
    {
        using var h = new Preview2Harness(c => c.WithNetwork(new WasiNetworkPolicy(AllowTcp: false, AllowUdp: false)));
        Assert.Equal("access-denied", h.Error("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket", ComponentValue.Enum("ipv4")).Label);
        Assert.Equal("access-denied", h.Error("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket", ComponentValue.Enum("ipv4")).Label);
    }

    [Fact]
    public void AStreamErrorOfAFileCarriesNoNetworkErrorCode()
    {
        using var h = new Preview2Harness(c => c.WithStandardOutput(new BrokenPipe()));
        var stdout = h.Get("wasi:cli/stdout@0.2.0", "get-stdout");
        var failed = h.Error("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush", Borrow(stdout), Bytes("x"));
        Assert.Equal(ComponentValue.None, h.Get("wasi:sockets/network@0.2.0", "network-error-code", Borrow(failed.Payload!)));
    }

    private sealed class BrokenPipe : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("broken pipe");
    }
}
