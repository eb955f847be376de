using System.Net;
using System.Net.Sockets;
using Heron.Components;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// <c>ip-address</c>, <c>ip-socket-address</c> and <c>ip-address-family</c> to and from .NET's types, and the
/// checks every socket applies to an address the guest gives it.
/// </summary>
internal static class SocketAddresses
{
    public static AddressFamily Family(string label) => label == "ipv6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    public static string FamilyLabel(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";

    public static IPEndPoint ToEndPoint(ComponentValue address)
    {
        var fields = address.Payload!.AsRecord();
        ushort port = Field(fields, "port").AsU16();
        var ip = Field(fields, "address").AsList();
        if (address.Label == "ipv4") return new IPEndPoint(new IPAddress([ip[0].AsU8(), ip[1].AsU8(), ip[2].AsU8(), ip[3].AsU8()]), port);
        var bytes = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            ushort segment = ip[i].AsU16();
            bytes[2 * i] = (byte)(segment >> 8);
            bytes[2 * i + 1] = (byte)segment;
        }
        // The flow label travels with the datagrams of a connection; .NET's endpoint has no place for it.
        return new IPEndPoint(new IPAddress(bytes, Field(fields, "scope-id").AsU32()), port);
    }

    public static ComponentValue FromEndPoint(IPEndPoint endPoint)
    {
        var port = ComponentValue.U16((ushort)endPoint.Port);
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
            return ComponentValue.Variant("ipv4", ComponentValue.Record([("port", port), ("address", Ipv4(endPoint.Address))]));
        return ComponentValue.Variant("ipv6", ComponentValue.Record([
            ("port", port),
            ("flow-info", ComponentValue.U32(0)),
            ("address", Ipv6(endPoint.Address)),
            ("scope-id", ComponentValue.U32((uint)endPoint.Address.ScopeId)),
        ]));
    }

    /// <summary>An <c>ip-address</c>; an IPv4-mapped IPv6 address is given as the IPv4 address it maps, as the interface promises.</summary>
    public static ComponentValue FromAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? ComponentValue.Variant("ipv4", Ipv4(address))
            : ComponentValue.Variant("ipv6", Ipv6(address));
    }

    /// <summary>
    /// The checks of an address the guest binds or talks to: it must be of the socket's family, unicast, and
    /// (for an IPv6 socket) no IPv4-mapped address, which WASI keeps apart from IPv4.
    /// </summary>
    public static void CheckLocal(IPEndPoint endPoint, AddressFamily family)
    {
        if (endPoint.AddressFamily != family || endPoint.Address.IsIPv4MappedToIPv6 || IsMulticastOrBroadcast(endPoint.Address))
            throw NetworkFailure.InvalidArgument();
    }

    /// <summary>A remote address must also name a host and a port: neither the unspecified address nor port 0.</summary>
    public static void CheckRemote(IPEndPoint endPoint, AddressFamily family)
    {
        CheckLocal(endPoint, family);
        if (endPoint.Port == 0 || endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any))
            throw NetworkFailure.InvalidArgument();
    }

    private static bool IsMulticastOrBroadcast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes()[0] is >= 224 and <= 239 || address.Equals(IPAddress.Broadcast)
        : address.IsIPv6Multicast;

    private static ComponentValue Ipv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ComponentValue.Tuple([ComponentValue.U8(bytes[0]), ComponentValue.U8(bytes[1]), ComponentValue.U8(bytes[2]), ComponentValue.U8(bytes[3])]);
    }

    private static ComponentValue Ipv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var segments = new ComponentValue[8];
        for (int i = 0; i < 8; i++) segments[i] = ComponentValue.U16((ushort)(bytes[2 * i] << 8 | bytes[2 * i + 1]));
        return ComponentValue.Tuple(segments);
    }

    private static ComponentValue Field(IReadOnlyList<(string Name, ComponentValue Value)> fields, string name)
    {
        foreach (var (fieldName, value) in fields)
            if (fieldName == name) return value;
        throw new TrapException(TrapCode.HostError, $"wasi:sockets: a socket address without its {name} field");
    }
}
