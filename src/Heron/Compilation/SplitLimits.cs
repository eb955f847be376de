using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// When and how finely <see cref="FunctionSplitter"/> cuts a big function body, in bytes of WebAssembly code.
/// The .NET JIT compiles a method without optimisation (MinOpts) once it passes any of its fixed limits:
/// 60,000 bytes of CIL, 20,000 CIL instructions, 2,000 basic blocks or 8,000 local variable references.
/// Heron emits about 2.6 CIL bytes and 1.3 CIL instructions per byte of WebAssembly, so a method made of
/// at most ~8 KB of WebAssembly stays clear of all four.
/// </summary>
/// <param name="SplitAbove">Bodies with more code than this are split; smaller ones never are.</param>
/// <param name="SplitBelow">Bodies with this much code or more are not split either: such a body is
/// straight-line set-up code run once (hashset's 340 KB initialiser), where optimising pieces of it costs
/// far more JIT time than it saves (measured: hashset's compile 1.45x Wasmtime's → 2.29x split).</param>
/// <param name="ArmBudget">A block arm with more (not yet outlined) code than this has runs of its statements outlined.</param>
/// <param name="RunTarget">An outlined run of statements is closed once it holds this much code.</param>
/// <param name="MinRun">A run with less code than this is not worth a call and stays in place.</param>
/// <param name="MaxRegion">A run with more (not yet outlined) code than this is not outlined: it would be over the limits itself.</param>
/// <param name="MaxExits">A statement that branches to more enclosing labels than this stays in place (the
/// dispatch of a C <c>switch</c>: outlining it would return through every level for each case).</param>
internal readonly record struct SplitLimits(int SplitAbove, int SplitBelow, int ArmBudget, int RunTarget, int MinRun, int MaxRegion, int MaxExits)
{
    /// <summary>
    /// Off: measured over the 35 sightglass programs (docs/performance.md, session 7), splitting lowered the run
    /// geomean (1.00x → 0.95x Wasmtime's) but raised compile (1.16x → 1.27x) and whole time (1.09x → 1.15x):
    /// optimising the pieces costs the JIT more than MinOpts did, and some split functions run slower.
    /// </summary>
    public static SplitLimits Default => Never;

    /// <summary>The limits measured in session 7 (bench <c>--split</c>).</summary>
    public static SplitLimits Measured { get; } = new(SplitAbove: 12_000, SplitBelow: 64 * 1024, ArmBudget: 6_000, RunTarget: 2_000, MinRun: 400, MaxRegion: 8_000, MaxExits: 16);

    /// <summary>Every statement of every function outlined: for tests that the split code means what the whole did.</summary>
    public static SplitLimits Everything { get; } = new(SplitAbove: 0, SplitBelow: int.MaxValue, ArmBudget: 0, RunTarget: 1, MinRun: 1, MaxRegion: int.MaxValue, MaxExits: int.MaxValue);

    /// <summary>
    /// Tiered code (<see cref="EngineConfig.TieredJit"/>, as <c>heron run</c> compiles): only bodies of more than
    /// 64 KB of WebAssembly, cut as <see cref="Measured"/> cuts. The JIT compiles such a body without
    /// optimisation in every tier, as one method on one core: hashset's 323 KB benchmark function took 151 ms of
    /// JIT on the main thread before the first instruction ran. Split, its pieces are compiled at tier 0 on all
    /// cores and optimised when hot (docs/performance.md, session 9). Smaller bodies stay whole (but see
    /// <see cref="RunOnce"/>): splitting from 16 KB in tiered code lost as much on some programs (bz2, sqlite3,
    /// switch) as it won on others; from 12 KB, bz2 1.12x and switch 1.11x of unsplit (session 11).
    /// </summary>
    public static SplitLimits Huge { get; } = Measured with { SplitAbove = 64 * 1024, SplitBelow = int.MaxValue };

    /// <summary>
    /// Tiered code, a function the program runs once (see <see cref="RunsOnce"/>): bodies over 12 KB, cut as
    /// <see cref="Measured"/> cuts. A function called once never reaches tier 1 by being called; its loops move
    /// to optimised code only by on-stack replacement, which recompiles the rest of the function at full
    /// optimisation on the thread running it. meshoptimizer's <c>_start</c> (its <c>main</c> inlined, 19.5 KB):
    /// 13 ms at tier 0, then 38 ms of OSR on the main thread in the middle of the run. Split, the regions that
    /// hold its hot loops are compiled optimised before the run, on all cores, and the rest stays at tier 0
    /// (whole process 0.91-0.92x, docs/performance.md, session 11).
    /// </summary>
    public static SplitLimits RunOnce { get; } = Measured with { SplitBelow = int.MaxValue };

    /// <summary>
    /// The limits function <paramref name="functionIndex"/> of <paramref name="module"/> compiles with under
    /// <paramref name="config"/>: the engine's own, else <see cref="RunOnce"/> or <see cref="Huge"/> for tiered
    /// code and <see cref="Default"/> otherwise.
    /// </summary>
    public static SplitLimits For(EngineConfig config, WasmModule module, int functionIndex)
    {
        if (config.Split is { } chosen) return chosen;
        if (!config.TieredJit) return Default;
        // Only a body RunOnce would split is worth the look through the exports.
        var size = module.Bodies[functionIndex - module.ImportedFunctionCount].Code.Length;
        return size > RunOnce.SplitAbove && RunsOnce(module, functionIndex) ? RunOnce : Huge;
    }

    /// <summary>
    /// Whether the program runs <paramref name="functionIndex"/> once, as far as its own declarations say: the
    /// start function, or a command's <c>_start</c>. Only a guess of cost: a table may still call either again.
    /// </summary>
    public static bool RunsOnce(WasmModule module, int functionIndex)
    {
        if (module.Start == functionIndex) return true;
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function && export.Index == functionIndex && export.Name == "_start") return true;
        return false;
    }

    /// <summary>Never split.</summary>
    public static SplitLimits Never { get; } = new(SplitAbove: int.MaxValue, SplitBelow: 0, ArmBudget: int.MaxValue, RunTarget: int.MaxValue, MinRun: int.MaxValue, MaxRegion: 0, MaxExits: 0);
}
