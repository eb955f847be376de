using System.Text.Json.Serialization;

namespace Heron.Bench.Suite;

/// <summary>
/// Every run of one program in one engine, its status and the medians the report prints; with
/// <c>--jit-top</c>, the methods the .NET JIT spent longest on in Heron's first run.
/// </summary>
internal sealed record EngineResult(
    string Engine,
    RunStatus Status,
    string? Reason,
    string CheckedAgainst,
    IReadOnlyList<RunSample> Samples,
    IReadOnlyList<JitMethod>? SlowestJit = null)
{
    public double CompileMs => Median(s => s.CompileMs);
    public double InstantiateMs => Median(s => s.InstantiateMs);
    public double RunMs => Median(s => s.RunMs);
    public double RunCpuMs => Median(s => s.RunCpuMs);
    public double StartMs => Median(s => s.StartMs);
    public double WholeMs => Median(s => s.WholeMs);
    public double CompileJitMs => Median(s => s.CompileJitMs);
    public double InstantiateJitMs => Median(s => s.InstantiateJitMs);
    public double StartJitMs => Median(s => s.StartJitMs);
    public double RunJitMs => Median(s => s.RunJitMs);
    public double JitMs => Median(s => s.JitMs);

    [JsonIgnore]
    public bool Ok => Status == RunStatus.Ok;

    // Failed runs carry partial figures (a compile time with no run); medians use completed runs only.
    private double Median(Func<RunSample, double> figure) =>
        Statistics.Median(Samples.Where(s => s.Failure == null).Select(figure));
}
