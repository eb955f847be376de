using System.Net;
using System.Net.Sockets;
using System.Text;
using Heron.Components;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>
/// Components/tcp-client.wat, tcp-server.wat and udp-echo.wat, guests built in the component text format, linked with WASI 0.2 and talking
/// TCP to a host listener through the canonical ABI: lowered socket addresses, results carrying resources,
/// pollables and the socket's streams.
/// </summary>
public sealed class SocketComponentTests
{
    private static ComponentInstance Instantiate(string file, WasiContext context)
    {
        var engine = new Engine();
        var linker = WasiPreview2.AddToLinker(new ComponentLinker(engine), context);
        var component = Component.FromText(engine, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Preview2", "Components", file)));
        return linker.Instantiate(new Store(engine), component);
    }

    private static ComponentValue Exchange(WasiNetworkPolicy policy, ushort port, string message)
    {
        using var context = new WasiConfiguration().WithNetwork(policy).Build();
        var instance = Instantiate("tcp-client.wat", context);
        return instance.GetFunction("exchange")!.Invoke(ComponentValue.U16(port), ComponentValue.Bytes(Encoding.UTF8.GetBytes(message)))!;
    }

    [Fact]
    public async Task AComponentConnectsSendsAndReadsTheReply()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        // The host side answers in upper case, so the reply is not merely the guest's own bytes.
        var server = Task.Run(() =>
        {
            using var client = listener.AcceptTcpClient();
            using var stream = client.GetStream();
            var buffer = new byte[5];
            stream.ReadExactly(buffer);
            stream.Write(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer).ToUpperInvariant()));
        });
        var result = Exchange(new WasiNetworkPolicy(InheritNetwork: true), (ushort)((IPEndPoint)listener.LocalEndpoint).Port, "hello");
        await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ok", result.Label);
        Assert.Equal("HELLO", Encoding.UTF8.GetString(result.Payload!.AsBytes().Span));
    }

    [Fact]
    public void WithoutTheGrantTheComponentHearsAccessDenied()
    {
        var result = Exchange(WasiNetworkPolicy.Denied, 9, "hello");
        Assert.Equal("error", result.Label);
        Assert.Equal(1U, result.Payload!.AsU32()); // access-denied, the second case of error-code
    }

    [Fact]
    public void WithTcpSwitchedOffTheSocketIsNotEvenCreated()
    {
        var result = Exchange(new WasiNetworkPolicy(InheritNetwork: true, AllowTcp: false), 9, "hello");
        Assert.Equal(1U, result.Payload!.AsU32());
    }

    [Fact]
    public void AConnectionNobodyTakesIsRefusedAtFinishConnect()
    {
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        ushort port = (ushort)((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        var result = Exchange(new WasiNetworkPolicy(InheritNetwork: true), port, "hello");
        Assert.Equal("error", result.Label);
        Assert.Equal(14U, result.Payload!.AsU32()); // connection-refused
    }

    [Fact]
    public async Task AComponentListensAcceptsAndEchoes()
    {
        using var context = new WasiConfiguration().WithNetwork(new WasiNetworkPolicy(InheritNetwork: true)).Build();
        var instance = Instantiate("tcp-server.wat", context);
        var listening = instance.GetFunction("listen")!.Invoke()!;
        Assert.Equal("ok", listening.Label);
        ushort port = listening.Payload!.AsU16();
        Assert.NotEqual(0, port);

        var client = Task.Run(async () =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            await stream.WriteAsync("echo me"u8.ToArray());
            var buffer = new byte[7];
            await stream.ReadExactlyAsync(buffer);
            return Encoding.UTF8.GetString(buffer);
        });
        // The guest blocks on its listener's pollable until the client above arrives.
        var echoed = instance.GetFunction("echo-once")!.Invoke()!;
        Assert.Equal("ok", echoed.Label);
        Assert.Equal("echo me", Encoding.UTF8.GetString(echoed.Payload!.AsBytes().Span));
        Assert.Equal("echo me", await client.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void WithoutTheGrantAComponentCannotListen()
    {
        using var context = new WasiConfiguration().Build();
        var listening = Instantiate("tcp-server.wat", context).GetFunction("listen")!.Invoke()!;
        Assert.Equal(("error", 1U), (listening.Label, listening.Payload!.AsU32()));
    }

    [Fact]
    public void AComponentEchoesADatagramToWhereItCameFrom()
    {
        using var context = new WasiConfiguration().WithNetwork(new WasiNetworkPolicy(InheritNetwork: true)).Build();
        var instance = Instantiate("udp-echo.wat", context);
        var bound = instance.GetFunction("bind")!.Invoke()!;
        Assert.Equal("ok", bound.Label);
        ushort port = bound.Payload!.AsU16();

        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        host.Send("datagram"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        var echoed = instance.GetFunction("echo-once")!.Invoke()!;
        Assert.Equal("ok", echoed.Label);
        Assert.Equal("datagram", Encoding.UTF8.GetString(echoed.Payload!.AsBytes().Span));
        host.Client.ReceiveTimeout = 10_000;
        var from = new IPEndPoint(IPAddress.Any, 0);
        Assert.Equal("datagram", Encoding.UTF8.GetString(host.Receive(ref from)));
        Assert.Equal(port, from.Port);
    }
}
