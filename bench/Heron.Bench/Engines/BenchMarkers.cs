using System.Diagnostics;

namespace Heron.Bench.Engines;

/// <summary>
/// The host side of the <c>bench.start</c> and <c>bench.end</c> imports: each reads the clock (and the
/// .NET JIT counter, to tell how much of the measured span Heron spent compiling) when the program calls it.
/// </summary>
internal sealed class BenchMarkers
{
    private long _startTicks;
    private long _endTicks;
    private TimeSpan _startJit;
    private TimeSpan _endJit;
    private double _startCpu;
    private double _endCpu;

    public int StartCalls { get; private set; }
    public int EndCalls { get; private set; }

    public void Start()
    {
        StartCalls++;
        _startJit = System.Runtime.JitInfo.GetCompilationTime();
        _startCpu = ThreadCpuClock.NowMs();
        // Last, so reading the JIT counter is not part of the measured span.
        _startTicks = Stopwatch.GetTimestamp();
    }

    public void End()
    {
        // First, for the same reason.
        _endTicks = Stopwatch.GetTimestamp();
        _endCpu = ThreadCpuClock.NowMs();
        _endJit = System.Runtime.JitInfo.GetCompilationTime();
        EndCalls++;
    }

    /// <summary>True when the program called start once and then end once, as the benchmark protocol asks.</summary>
    public bool Complete => StartCalls == 1 && EndCalls == 1 && _endTicks >= _startTicks;

    public double ElapsedMs => Complete ? Stopwatch.GetElapsedTime(_startTicks, _endTicks).TotalMilliseconds : double.NaN;

    /// <summary>CPU time of the guest's thread between the markers (NaN where the clock is missing).</summary>
    public double CpuMs => Complete ? _endCpu - _startCpu : double.NaN;

    public double JitMs => Complete ? (_endJit - _startJit).TotalMilliseconds : double.NaN;
}
