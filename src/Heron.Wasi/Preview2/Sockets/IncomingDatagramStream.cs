using System.Net;
using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The object behind an <c>incoming-datagram-stream</c>. One receive at a time runs in the background;
/// <c>receive</c> collects the finished ones without waiting (an empty list when none has arrived) and the
/// pollable is ready once one has.
/// </summary>
internal sealed class IncomingDatagramStream(UdpSocketResource owner, int generation)
{
    /// <summary>The largest UDP payload, so no datagram is ever cut short.</summary>
    private const int MaxDatagram = 65_535;

    private readonly byte[] buffer = new byte[MaxDatagram];
    private Task<SocketReceiveFromResult>? receiving;

    public List<(byte[] Data, IPEndPoint From)> Receive(ulong maxResults)
    {
        owner.CheckCurrent(generation);
        var received = new List<(byte[], IPEndPoint)>();
        while ((ulong)received.Count < maxResults)
        {
            var receive = Receiving();
            if (!receive.IsCompleted) break;
            receiving = null;
            if (!receive.IsCompletedSuccessfully)
            {
                // Datagrams already taken are the answer; the failure of a later receive is not theirs to carry.
                if (received.Count > 0) break;
                throw SocketErrorCodes.Failure(receive);
            }
            var (count, from) = (receive.Result.ReceivedBytes, (IPEndPoint)receive.Result.RemoteEndPoint);
            if (owner.Remote is { } remote && !remote.Equals(from)) continue;
            received.Add((buffer[..count], from));
        }
        return received;
    }

    public Task? PendingOperation() => owner.Generation == generation ? Receiving() : null;

    private Task<SocketReceiveFromResult> Receiving()
    {
        var anyone = owner.Family == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        return receiving ??= owner.Socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, anyone).AsTask();
    }
}
