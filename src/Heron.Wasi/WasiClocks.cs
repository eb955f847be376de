namespace Heron.Wasi;

/// <summary>
/// <c>clock_res_get</c> and <c>clock_time_get</c>. Realtime and monotonic time come from the configured
/// <see cref="TimeProvider"/> (so tests can fake them); the CPU clocks come from the host.
/// </summary>
internal sealed class WasiClocks(WasiContext context)
{
    public int ClockResGet(Span<byte> memory, int id, int resultPointer)
    {
        try
        {
            ulong resolution = Resolution((WasiClockId)id);
            new GuestMemory(memory).WriteU64(resultPointer, resolution);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>The clock's resolution in nanoseconds; <c>inval</c> for an unknown clock.</summary>
    public ulong Resolution(WasiClockId id) => id switch
    {
        // DateTime's tick is 100 ns; a monotonic tick is one timestamp unit of the provider.
        WasiClockId.Realtime => 100,
        WasiClockId.Monotonic => Math.Max(1, (ulong)(1_000_000_000.0 / context.TimeProvider.TimestampFrequency)),
        WasiClockId.ProcessCpuTime or WasiClockId.ThreadCpuTime => UnixNative.IsAvailable ? 1UL : 100UL,
        _ => throw new WasiErrnoException(WasiErrno.Inval),
    };

    public int ClockTimeGet(Span<byte> memory, int id, long precision, int resultPointer)
    {
        try
        {
            // The precision is a hint for hosts that could save work with a coarser clock; ours cannot.
            _ = precision;
            new GuestMemory(memory).WriteU64(resultPointer, Now(id));
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>The clock's current value in nanoseconds; <c>inval</c> for an unknown clock.</summary>
    public ulong Now(int id) => (WasiClockId)id switch
    {
        WasiClockId.Realtime => (ulong)(context.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100,
        WasiClockId.Monotonic => MonotonicNanos(),
        WasiClockId.ProcessCpuTime => (UnixNative.IsAvailable ? UnixNative.ClockGettime(2) : null)
            ?? (ulong)Environment.CpuUsage.TotalTime.Ticks * 100,
        // Without the OS clock the process's CPU time is the closest honest bound for a thread's.
        WasiClockId.ThreadCpuTime => (UnixNative.IsAvailable ? UnixNative.ClockGettime(3) : null)
            ?? (ulong)Environment.CpuUsage.TotalTime.Ticks * 100,
        _ => throw new WasiErrnoException(WasiErrno.Inval),
    };

    private ulong MonotonicNanos()
    {
        long elapsed = context.TimeProvider.GetTimestamp() - context.MonotonicOrigin;
        long frequency = context.TimeProvider.TimestampFrequency;
        // Split to keep precision without overflowing for long-running programs.
        return (ulong)(elapsed / frequency) * 1_000_000_000UL + (ulong)(elapsed % frequency * 1_000_000_000 / frequency);
    }

    /// <summary>Used by <see cref="WasiPoll"/> to wait on the monotonic clock.</summary>
    public static TimeSpan ToTimeSpan(ulong nanos) =>
        nanos / 100 > (ulong)TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)(nanos / 100));
}
