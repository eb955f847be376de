namespace Heron.Bench.Suite;

/// <summary>One program in both engines, with the Heron/Wasmtime ratio of each phase's median.</summary>
internal sealed record ProgramResult(string Name, string WasmPath, EngineResult Heron, EngineResult Wasmtime)
{
    /// <summary>True when both engines ran it correctly, so its ratios mean something.</summary>
    public bool Comparable => Heron.Ok && Wasmtime.Ok;

    public double CompileRatio => RatioOf(r => r.CompileMs);
    public double InstantiateRatio => RatioOf(r => r.InstantiateMs);
    /// <summary>
    /// Below this, Wasmtime's run span is timer noise (noop does nothing between the markers; Cranelift folds
    /// nestedloop's loops away), so a ratio against it would swamp the geometric mean: no run ratio then.
    /// </summary>
    public const double MinimumComparableRunMs = 0.05;

    public double RunRatio => Wasmtime.RunMs < MinimumComparableRunMs ? double.NaN : RatioOf(r => r.RunMs);
    /// <summary>The same for the guest thread's CPU time in the run span (steadier than wall time under load).</summary>
    public double RunCpuRatio => Wasmtime.RunCpuMs < MinimumComparableRunMs ? double.NaN : RatioOf(r => r.RunCpuMs);
    public double WholeRatio => RatioOf(r => r.WholeMs);

    private double RatioOf(Func<EngineResult, double> figure) =>
        Comparable ? Statistics.Ratio(figure(Heron), figure(Wasmtime)) : double.NaN;
}
