namespace Heron.Bench.Suite;

/// <summary>One program in both engines, with the Heron/Wasmtime ratio of each phase's median.</summary>
internal sealed record ProgramResult(string Name, string WasmPath, EngineResult Heron, EngineResult Wasmtime)
{
    /// <summary>True when both engines ran it correctly, so its ratios mean something.</summary>
    public bool Comparable => Heron.Ok && Wasmtime.Ok;

    public double CompileRatio => RatioOf(r => r.CompileMs);
    public double InstantiateRatio => RatioOf(r => r.InstantiateMs);
    public double RunRatio => RatioOf(r => r.RunMs);
    public double WholeRatio => RatioOf(r => r.WholeMs);

    private double RatioOf(Func<EngineResult, double> figure) =>
        Comparable ? Statistics.Ratio(figure(Heron), figure(Wasmtime)) : double.NaN;
}
