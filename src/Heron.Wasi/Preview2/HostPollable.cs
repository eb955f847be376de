namespace Heron.Wasi.Preview2;

/// <summary>The object behind a <c>wasi:io/poll.pollable</c>: something the guest can wait for.</summary>
internal abstract class HostPollable
{
    public abstract bool IsReady { get; }

    /// <summary>Waits until ready (for a deadline, one sleep until it is due, as preview 1's poll does).</summary>
    public abstract void Block();

    /// <summary>How long until ready; zero when ready now. Used by <c>poll</c> to wait for the earliest.</summary>
    public abstract TimeSpan Remaining { get; }

    /// <summary>
    /// For a pollable waiting on work the host does elsewhere (an HTTP exchange), the task that completes
    /// when it is ready, so <c>poll</c> can wait for it and a deadline together; null for the others.
    /// </summary>
    public virtual Task? Completion => null;
}

/// <summary>A pollable that is always ready: streams, whose operations complete when they are made.</summary>
internal sealed class ReadyPollable : HostPollable
{
    public override bool IsReady => true;

    public override void Block()
    {
    }

    public override TimeSpan Remaining => TimeSpan.Zero;
}

/// <summary>A pollable that becomes ready when the monotonic clock reaches <paramref name="deadline"/> (nanoseconds).</summary>
internal sealed class DeadlinePollable(WasiClocks clocks, ulong deadline) : HostPollable
{
    public override bool IsReady => Now >= deadline;

    public override TimeSpan Remaining
    {
        get
        {
            ulong now = Now;
            return now >= deadline ? TimeSpan.Zero : WasiClocks.ToTimeSpan(deadline - now);
        }
    }

    public override void Block()
    {
        var remaining = Remaining;
        if (remaining > TimeSpan.Zero) Thread.Sleep(remaining < LongestSleep ? remaining : LongestSleep);
    }

    /// <summary>Thread.Sleep's limit; a deadline further away is simply waited for in a later block.</summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMilliseconds(int.MaxValue);

    private ulong Now => clocks.Now((int)WasiClockId.Monotonic);
}
