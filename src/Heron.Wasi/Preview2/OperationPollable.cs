namespace Heron.Wasi.Preview2;

/// <summary>
/// A pollable over an object's background operation (a socket's connect, accept or receive). It asks the
/// object for its operation each time, so one pollable serves every operation of the object's life, as
/// <c>wasi:sockets</c> allows a guest to subscribe once. The object answers null when it waits for nothing,
/// and it may start the operation it waits for when asked (a receive, to learn when bytes arrive).
/// </summary>
internal sealed class OperationPollable(Func<Task?> operation) : HostPollable
{
    public override bool IsReady => operation() is not { IsCompleted: false };

    public override void Block()
    {
        // A failed operation is ready too: its failure is the answer of the call the guest makes next.
        if (operation() is { } task) task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
    }

    public override TimeSpan Remaining => IsReady ? TimeSpan.Zero : TimeSpan.MaxValue;

    public override Task? Completion => operation() ?? Task.CompletedTask;
}
