using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;
using static Heron.Wasi.Tests.Preview2.SocketValues;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>wasi:sockets/ip-name-lookup with the lookup granted.</summary>
public sealed class NameLookupTests
{
    private const string Lookup = "wasi:sockets/ip-name-lookup@0.2.0";

    private static List<string> Resolve(Preview2Harness h, string name)
    {
        var network = h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");
        var stream = h.Ok(Lookup, "resolve-addresses", Borrow(network), ComponentValue.String(name))!;
        Wait(h, h.Get(Lookup, "[method]resolve-address-stream.subscribe", Borrow(stream)));
        var addresses = new List<string>();
        while (h.Ok(Lookup, "[method]resolve-address-stream.resolve-next-address", Borrow(stream)) is { Label: "some" } next)
            addresses.Add(Address(next.Payload!));
        return addresses;
    }

    [Fact]
    public void LocalhostResolvesToALoopbackAddress()
    {
        using var h = Granted(lookup: true);
        var addresses = Resolve(h, "localhost");
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Contains(a, new[] { "127.0.0.1", "::1" }));
    }

    [Fact]
    public void AnAddressLiteralResolvesToItself()
    {
        using var h = Granted(lookup: true);
        Assert.Equal(["192.0.2.7"], Resolve(h, "192.0.2.7"));
        Assert.Equal(["2001:db8::1"], Resolve(h, "2001:db8::1"));
    }

    [Fact]
    public void AnEmptyNameIsAnInvalidArgument()
    {
        using var h = Granted(lookup: true);
        var network = h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");
        Assert.Equal("invalid-argument", h.Error(Lookup, "resolve-addresses", Borrow(network), ComponentValue.String("")).Label);
    }

    [Fact]
    public void TheNetworkGrantAloneDoesNotAllowLookups()
    {
        using var h = Granted(lookup: false);
        var network = h.Get("wasi:sockets/instance-network@0.2.0", "instance-network");
        Assert.Equal("access-denied", h.Error(Lookup, "resolve-addresses", Borrow(network), ComponentValue.String("localhost")).Label);
    }
}
