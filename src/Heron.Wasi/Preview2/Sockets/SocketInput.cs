using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The <c>input-stream</c> of a connected TCP socket. One receive at a time runs in the background into a
/// buffer the reads take from: a non-blocking read takes what has arrived (perhaps nothing), a blocking
/// read waits for the receive, and the pollable is ready once bytes (or the peer's end) have arrived.
/// </summary>
internal sealed class SocketInput(Socket socket) : HostInputStream
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private Task<int>? receiving;
    private int start;
    private int end;
    private bool shut;

    /// <summary>After <c>shutdown(receive)</c> the stream is closed, whatever was still to come.</summary>
    public void Shut() => shut = true;

    protected override int ReadCore(Span<byte> target)
    {
        if (shut) return 0;
        if (start == end) ((Task)Receiving()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        return Take(target);
    }

    protected override int ReadAvailableCore(Span<byte> target)
    {
        if (shut) return 0;
        return start < end || Receiving().IsCompleted ? Take(target) : NothingYet;
    }

    public override HostPollable Subscribe() => new OperationPollable(() => shut || start < end ? null : Receiving());

    private Task<int> Receiving() => receiving ??= socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask();

    /// <summary>Copies buffered bytes out, first collecting the finished receive (its failure throws here).</summary>
    private int Take(Span<byte> target)
    {
        if (start == end)
        {
            var received = receiving!;
            receiving = null;
            int count = received.GetAwaiter().GetResult();
            if (count == 0) return 0;
            (start, end) = (0, count);
        }
        int length = Math.Min(target.Length, end - start);
        buffer.AsSpan(start, length).CopyTo(target);
        start += length;
        return length;
    }
}
