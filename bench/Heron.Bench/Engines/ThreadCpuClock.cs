using System.Runtime.InteropServices;

namespace Heron.Bench.Engines;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). Both engines run the guest on the
/// thread that calls <c>_start</c>, so the CPU time between the markers is the kernel's own work: unlike wall
/// time it does not grow while the thread waits for a core on a loaded machine, nor with the JIT's background
/// threads. NaN where the clock is not available.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static readonly bool Available = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>The thread's CPU time so far in milliseconds, or NaN.</summary>
    public static double NowMs()
    {
        if (!Available || ClockGetTime(ThreadCpuTimeId, out var time) != 0) return double.NaN;
        return time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
    }
}
