using System.Net;
using Heron.Components;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>Socket addresses as a guest passes them, and the host calls the socket tests make again and again.</summary>
internal static class SocketValues
{
    public const string Tcp = "wasi:sockets/tcp@0.2.0";
    public const string Udp = "wasi:sockets/udp@0.2.0";
    public const string Poll = "wasi:io/poll@0.2.0";
    public const string Streams = "wasi:io/streams@0.2.0";

    public static ComponentValue Ipv4(byte a, byte b, byte c, byte d, ushort port) => ComponentValue.Variant("ipv4", ComponentValue.Record([
        ("port", ComponentValue.U16(port)),
        ("address", ComponentValue.Tuple([ComponentValue.U8(a), ComponentValue.U8(b), ComponentValue.U8(c), ComponentValue.U8(d)])),
    ]));

    public static ComponentValue Ipv6(ushort[] segments, ushort port) => ComponentValue.Variant("ipv6", ComponentValue.Record([
        ("port", ComponentValue.U16(port)),
        ("flow-info", ComponentValue.U32(0)),
        ("address", ComponentValue.Tuple([.. segments.Select(ComponentValue.U16)])),
        ("scope-id", ComponentValue.U32(0)),
    ]));

    public static ComponentValue Ipv6Loopback(ushort port) => Ipv6([0, 0, 0, 0, 0, 0, 0, 1], port);

    public static ComponentValue Loopback(ushort port) => Ipv4(127, 0, 0, 1, port);

    public static ComponentValue Loopback(IPEndPoint endPoint) => Loopback((ushort)endPoint.Port);

    public static ushort Port(ComponentValue socketAddress) =>
        socketAddress.Payload!.AsRecord().Single(f => f.Name == "port").Value.AsU16();

    public static string Address(ComponentValue ipAddress) => ipAddress.Label == "ipv4"
        ? string.Join('.', ipAddress.Payload!.AsList().Select(v => v.AsU8()))
        : new IPAddress([.. ipAddress.Payload!.AsList().SelectMany(v => new[] { (byte)(v.AsU16() >> 8), (byte)v.AsU16() })]).ToString();

    /// <summary>Waits on one pollable with <c>poll</c>, as a guest does before finishing an operation.</summary>
    public static void Wait(Preview2Harness h, ComponentValue pollable) =>
        Assert.Equal([0U], h.Get(Poll, "poll", ComponentValue.List([Preview2Harness.Borrow(pollable)])).AsList().Select(v => v.AsU32()));

    public static bool Ready(Preview2Harness h, ComponentValue pollable) =>
        h.Get(Poll, "[method]pollable.ready", Preview2Harness.Borrow(pollable)).AsBool();

    public static Preview2Harness Granted(bool lookup = false) =>
        new(c => c.WithNetwork(new WasiNetworkPolicy(InheritNetwork: true, AllowIpNameLookup: lookup)));
}
