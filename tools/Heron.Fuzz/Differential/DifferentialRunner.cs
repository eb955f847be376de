using WT = Wasmtime;

namespace Heron.Fuzz.Differential;

/// <summary>
/// Runs one module in Heron and in Wasmtime and compares: whether each accepts it, instantiation, every export
/// call's results or trap, the host calls made, and the final memories, globals and tables.
/// </summary>
internal sealed class DifferentialRunner : IDisposable
{
    private readonly Engine heron = new();
    private readonly WT.Engine wasmtime = WasmtimeSide.CreateEngine();

    public CaseResult Run(byte[] wasm, int seed)
    {
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

            var calls = CallPlan.Build(module, seed);
            Observation mine;
            try
            {
                mine = HeronSide.Run(heron, module, calls);
            }
            catch (Exception e)
            {
                return new CaseResult(CaseOutcome.Crashed, $"run: {e}");
            }
            var theirs = WasmtimeSide.Run(wasmtime, oracle!, module, calls);
            return Compare(mine, theirs);
        }
    }

    private static CaseResult Compare(Observation mine, Observation theirs)
    {
        var exhausted = mine.Exhausted || theirs.Exhausted;
        // After one engine runs out of stack the two runs part ways legitimately; compare what came before.
        var length = exhausted ? Math.Min(mine.Lines.Count, theirs.Lines.Count) - 1 : Math.Max(mine.Lines.Count, theirs.Lines.Count);
        for (var i = 0; i < length; i++)
        {
            var a = i < mine.Lines.Count ? mine.Lines[i] : "<nothing>";
            var b = i < theirs.Lines.Count ? theirs.Lines[i] : "<nothing>";
            if (a != b && !NanLanes.Equivalent(a, b)) return new CaseResult(CaseOutcome.Diverged, $"line {i}:\n  heron:    {a}\n  wasmtime: {b}");
        }
        return CaseResult.Agreed(exhausted);
    }

    public void Dispose() => wasmtime.Dispose();
}
