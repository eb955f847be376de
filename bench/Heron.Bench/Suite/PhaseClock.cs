using System.Diagnostics;
using System.Runtime;

namespace Heron.Bench.Suite;

/// <summary>Wall time and .NET JIT time since the last lap, so each phase gets both figures from one pair of reads.</summary>
internal sealed class PhaseClock
{
    private long _ticks = Stopwatch.GetTimestamp();
    private TimeSpan _jit = JitInfo.GetCompilationTime();

    /// <summary>Milliseconds of wall time and of JIT time since the previous lap (or the clock's creation).</summary>
    public (double WallMs, double JitMs) Lap()
    {
        var ticks = Stopwatch.GetTimestamp();
        var jit = JitInfo.GetCompilationTime();
        var lap = (Stopwatch.GetElapsedTime(_ticks, ticks).TotalMilliseconds, (jit - _jit).TotalMilliseconds);
        _ticks = ticks;
        _jit = jit;
        return lap;
    }
}
