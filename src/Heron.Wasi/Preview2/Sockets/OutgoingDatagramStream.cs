using System.Net;
using System.Net.Sockets;
using Heron.Components;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The object behind an <c>outgoing-datagram-stream</c>. A UDP send only waits for room in the host's
/// buffer, so <c>send</c> sends at once and the stream is always ready; <c>check-send</c> grants
/// <see cref="Permit"/> datagrams, and sending more than it granted traps, as the interface requires.
/// </summary>
internal sealed class OutgoingDatagramStream(UdpSocketResource owner, int generation)
{
    /// <summary>How many datagrams one <c>check-send</c> allows.</summary>
    public const ulong Permit = 64;

    private ulong permitted;

    public ulong CheckSend()
    {
        owner.CheckCurrent(generation);
        permitted = Permit;
        return permitted;
    }

    /// <summary>Sends in order until the first failure; that failure is the answer only when nothing was sent.</summary>
    public ulong Send(IReadOnlyList<(ReadOnlyMemory<byte> Data, IPEndPoint? To)> datagrams)
    {
        owner.CheckCurrent(generation);
        if (datagrams.Count == 0) return 0;
        if ((ulong)datagrams.Count > permitted)
            throw new TrapException(TrapCode.HostError, $"wasi:sockets/udp: send of {datagrams.Count} datagrams, but check-send permitted {permitted}");
        permitted = 0;
        ulong sent = 0;
        foreach (var (data, to) in datagrams)
        {
            try
            {
                SendOne(data, to);
            }
            catch (NetworkFailure) when (sent > 0)
            {
                break;
            }
            sent++;
        }
        return sent;
    }

    private void SendOne(ReadOnlyMemory<byte> data, IPEndPoint? to)
    {
        if (!owner.Policy.InheritNetwork) throw NetworkFailure.AccessDenied();
        var remote = owner.Remote;
        if (remote != null && to != null && !to.Equals(remote)) throw NetworkFailure.InvalidArgument();
        var destination = to ?? remote ?? throw NetworkFailure.InvalidArgument();
        SocketAddresses.CheckRemote(destination, owner.Family);
        SocketErrorCodes.Guard(() => owner.Socket.SendTo(data.Span, SocketFlags.None, destination));
    }
}
