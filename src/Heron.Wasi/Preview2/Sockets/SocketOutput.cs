using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The <c>output-stream</c> of a connected TCP socket. A write hands its bytes to a background send and
/// returns; <c>check-write</c> offers nothing until the sends so far are done, the pollable is ready when
/// they are, and the blocking flushes wait for them. A send's failure reaches the guest at its next call.
/// </summary>
internal sealed class SocketOutput(Socket socket) : HostOutputStream
{
    private Task sending = Task.CompletedTask;
    private bool shut;

    /// <summary>After <c>shutdown(send)</c> the stream is closed.</summary>
    public void Shut() => shut = true;

    protected override void WriteCore(ReadOnlySpan<byte> bytes)
    {
        ThrowIfDone();
        // A write before check-write allowed it queues behind the sends still running, in order.
        sending = SendAfter(sending, bytes.ToArray());
    }

    protected override ulong WritableCore()
    {
        ThrowIfDone();
        return sending.IsCompleted ? WriteBudget : 0;
    }

    protected override void WaitForWritesCore()
    {
        sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        ThrowIfDone();
    }

    public override HostPollable Subscribe() => new OperationPollable(() => sending);

    private void ThrowIfDone()
    {
        if (shut) throw StreamFailure.Closed();
        if (sending.IsFaulted) sending.GetAwaiter().GetResult();
    }

    private async Task SendAfter(Task previous, byte[] bytes)
    {
        await previous.ConfigureAwait(false);
        for (int sent = 0; sent < bytes.Length;)
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
    }
}
