using WT = Wasmtime;

namespace Heron.Fuzz.Differential;

/// <summary>
/// Runs one module in Heron and in Wasmtime and compares: whether each accepts it, instantiation, every export
/// call's results or trap, the host calls made, and the final memories, globals and tables.
/// </summary>
internal sealed class DifferentialRunner(FuzzFeatures features) : IDisposable
{
    // Ahead of time: an instruction Heron cannot compile shows when the module loads, not in the middle of a call.
    private readonly Engine heron = new(new EngineConfig { Features = features.Heron, Strategy = CompileStrategy.Ahead });
    private readonly WT.Engine wasmtime = WasmtimeSide.CreateEngine(features);

    /// <summary>How long the last case ran in each engine (zero when it did not run).</summary>
    public TimeSpan HeronTime { get; private set; }

    public TimeSpan WasmtimeTime { get; private set; }

    /// <summary>Where each compared pair of lines (Heron's | Wasmtime's) goes, when set (<c>check --verbose</c>).</summary>
    public TextWriter? Trace { get; init; }

    public CaseResult Run(byte[] wasm, int seed)
    {
        HeronTime = WasmtimeTime = TimeSpan.Zero;
        var shape = WasmtimeInterface.Inspect(wasm, features.Heron);
        if (shape is { ImportsCarried: false }) return new CaseResult(CaseOutcome.Uncarried, $"imports of types Wasmtime's .NET API cannot pass: {shape.UncarriedImport}");
        if (shape != null) wasm = Generation.ExportStripper.Strip(wasm, shape.UncarriedExports);
        Module module;
        string? heronRejection = null;
        try
        {
            module = Module.FromBytes(heron, wasm);
        }
        catch (WasmException e)
        {
            module = null!;
            heronRejection = e.Message;
        }
        catch (Exception e)
        {
            return new CaseResult(CaseOutcome.Crashed, $"compile: {e}");
        }

        WT.Module? oracle = null;
        string? wasmtimeRejection = null;
        try
        {
            oracle = WT.Module.FromBytes(wasmtime, "case", wasm);
        }
        catch (WT.WasmtimeException e)
        {
            wasmtimeRejection = e.Message;
        }

        using (oracle)
        {
            if (heronRejection != null && wasmtimeRejection != null) return new CaseResult(CaseOutcome.BothRejected, heronRejection);
            if (heronRejection != null) return new CaseResult(CaseOutcome.Diverged, $"heron rejects a module wasmtime accepts: {heronRejection}");
            if (wasmtimeRejection != null) return new CaseResult(CaseOutcome.Diverged, $"wasmtime rejects a module heron accepts: {wasmtimeRejection}");

            var calls = CallPlan.Build(module, seed, features);
            Observation mine;
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                mine = HeronSide.Run(heron, module, calls, features.ExternrefOpaque);
                HeronTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
            catch (Exception e)
            {
                return new CaseResult(CaseOutcome.Crashed, $"run: {e}");
            }
            var wasmtimeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var theirs = WasmtimeSide.Run(wasmtime, oracle!, module, calls, mine.Hidden, features.ExternrefOpaque);
            WasmtimeTime = System.Diagnostics.Stopwatch.GetElapsedTime(wasmtimeStarted);
            return Compare(mine, theirs);
        }
    }

    private CaseResult Compare(Observation mine, Observation theirs)
    {
        var exhausted = mine.Exhausted || theirs.Exhausted;
        // After one engine runs out of stack the two runs part ways legitimately; compare what came before.
        var length = exhausted ? Math.Min(mine.Lines.Count, theirs.Lines.Count) - 1 : Math.Max(mine.Lines.Count, theirs.Lines.Count);
        for (var i = 0; i < length; i++)
        {
            var a = i < mine.Lines.Count ? mine.Lines[i] : "<nothing>";
            var b = i < theirs.Lines.Count ? theirs.Lines[i] : "<nothing>";
            Trace?.WriteLine($"{a} | {b}");
            if (a != b && !NanLanes.Equivalent(a, b)) return new CaseResult(CaseOutcome.Diverged, $"line {i}:\n  heron:    {a}\n  wasmtime: {b}");
        }
        var which = (mine.Exhausted, theirs.Exhausted) switch { (true, true) => "both", (true, false) => "heron only", (false, true) => "wasmtime only", _ => "" };
        return CaseResult.Agreed(exhausted) with { Detail = exhausted ? $"stack exhausted in {which}" : "" };
    }

    public void Dispose() => wasmtime.Dispose();
}
