using Heron.Compilation;

namespace Heron;

/// <summary>How an <see cref="Engine"/> compiles and runs modules.</summary>
public sealed class EngineConfig
{
    /// <summary>The WebAssembly features modules may use; 2.0 by default.</summary>
    public WasmFeatures Features { get; init; } = WasmFeatures.Wasm2;

    /// <summary>
    /// The most machine stack, in bytes, WebAssembly code may use per entry from the host before it traps
    /// with "call stack exhausted"; always clamped to what the thread's stack really has left.
    /// </summary>
    public int MaxWasmStack { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether the .NET JIT may inline small WebAssembly functions (32 bytes of CIL at most) into their
    /// callers (faster calls).
    /// Inlined functions do not appear in a <see cref="TrapException.Backtrace"/>; turn this off for
    /// complete backtraces. On by default.
    /// </summary>
    public bool InlineFunctions { get; init; } = true;

    /// <summary>
    /// When a function body is cut into several methods so that the .NET JIT optimises each (see
    /// <c>FunctionSplitter</c>); tests set <see cref="SplitLimits.Everything"/> to check that split code
    /// means what the whole did. Null: as <see cref="SplitLimits.For"/> chooses for the other settings.
    /// </summary>
    internal SplitLimits? Split { get; init; }

    /// <summary>
    /// Whether loops that copy or fill memory a byte at a time run as one bulk copy or fill (see
    /// <c>ByteLoop</c>); tests turn it off to check that both mean the same. On by default.
    /// </summary>
    internal bool RecogniseByteLoops { get; init; } = true;

    /// <summary>
    /// Whether WebAssembly code consumes fuel (see <see cref="Store.SetFuel"/>): every instruction has a
    /// cost, charged once per basic block, and a store that runs out traps with
    /// <see cref="TrapCode.OutOfFuel"/>. Decided when modules are compiled: code compiled without it pays
    /// nothing. Off by default. A store starts with no fuel, so set some before calling in.
    /// </summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// Whether WebAssembly code checks the engine's epoch (see <see cref="Engine.IncrementEpoch"/> and
    /// <see cref="Store.SetEpochDeadline"/>) at function entries and loop headers, trapping with
    /// <see cref="TrapCode.Interrupt"/> once the store's deadline is reached. Decided when modules are
    /// compiled: code compiled without it pays nothing. Off by default.
    /// </summary>
    public bool EpochInterruption { get; init; }

    /// <summary>
    /// Whether <see cref="Module.FromBytes"/> also has the .NET JIT make native code for every function,
    /// on all cores, so that no function is compiled during a call (as Wasmtime compiles a whole module
    /// ahead). Off, each function is compiled on its first call: cheaper for a module most of whose
    /// functions never run. On by default.
    /// </summary>
    public bool CompileAhead { get; init; } = true;

    /// <summary>
    /// With <see cref="CompileAhead"/>: whether <see cref="Module.FromBytes"/> returns as soon as the CIL
    /// is generated and leaves the .NET JIT to make native code on background threads, the functions
    /// reachable from the exports first, in the order they are called. A function called before its turn
    /// is compiled by its caller, as without <see cref="CompileAhead"/>. Off by default: measured on the
    /// sightglass programs, the first calls of a program still wait for most of the JIT (their callees
    /// are needed sooner than one background core compiles them), so the program's first run is nearly
    /// as slow as compiling lazily, and the total start-up time gains little (see docs/performance.md).
    /// </summary>
    public bool CompileInBackground { get; init; }

    /// <summary>
    /// Whether generated code lives in an assembly the .NET runtime tiers: a quick unoptimised first
    /// compile (tier 0), optimised again in the background once a method has been called 30 times, and loops
    /// that run long moved to optimised code while they run (OSR), instead of every method fully optimised on
    /// its first compile. Compiling is 2-3 times cheaper, which is what a process that runs one program
    /// wants (the <c>heron</c> command turns it on), but a module's code is <b>never unloaded</b>: the
    /// runtime tiers no method of a collectible assembly, so this code is not collectible. Do not use it for
    /// an engine that compiles modules again and again. Off by default.
    /// </summary>
    public bool TieredJit { get; init; }

    /// <summary>
    /// When functions are compiled: all with the module (<see cref="CompileStrategy.Ahead"/>), each on its
    /// first call (<see cref="CompileStrategy.Lazy"/>), or chosen per module by its size
    /// (<see cref="CompileStrategy.Auto"/>, the default; see <see cref="LazyCodeSize"/>).
    /// <see cref="CompileAhead"/>, <see cref="CompileInBackground"/> and <see cref="TieredJit"/> apply to
    /// modules compiled ahead.
    /// </summary>
    public CompileStrategy Strategy { get; init; } = CompileStrategy.Auto;

    /// <summary>
    /// With <see cref="CompileStrategy.Auto"/>: modules with at least this many bytes of function code
    /// (the code section's bodies) are compiled lazily. The default, 4 MiB, keeps every program of the
    /// sightglass benchmark set (the largest has under 2 MiB of code) compiled ahead, where compiling in
    /// parallel before the run pays off, and compiles lazily the very large programs, whose ahead
    /// compilation takes seconds (see docs/performance.md for the measurements).
    /// </summary>
    public int LazyCodeSize { get; init; } = 4 * 1024 * 1024;
}
