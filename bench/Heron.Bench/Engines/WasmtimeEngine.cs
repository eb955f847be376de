using WT = Wasmtime;

namespace Heron.Bench.Engines;

/// <summary>
/// Wasmtime through its NuGet package, the oracle Heron is measured against: Cranelift, optimising for
/// speed, everything else as Wasmtime ships it (parallel compilation included); with <paramref name="gc"/>,
/// WebAssembly GC on as well (its default collector).
/// </summary>
internal sealed class WasmtimeEngine(bool gc = false) : IEngineUnderTest
{
    private readonly WT.Engine _engine = NewEngine(gc);

    /// <summary>A Wasmtime engine configured as every measurement here uses it (the micro-benchmarks too).</summary>
    public static WT.Engine NewEngine(bool gc = false) => new(Configure(new WT.Config(), gc));

    /// <summary>
    /// The settings every Wasmtime engine here gets. GC needs function references (typed references), which
    /// need reference types; Wasmtime's .NET API cannot pass GC references across the host boundary, so the
    /// GC programs' imports and exports are numbers only.
    /// </summary>
    public static WT.Config Configure(WT.Config config, bool gc)
    {
        config.WithCompilerStrategy(WT.CompilerStrategy.Cranelift).WithOptimizationLevel(WT.OptimizationLevel.Speed);
        if (gc) config.WithReferenceTypes(true).WithFunctionReferences(true).WithGc(true);
        return config;
    }

    public string Name => "wasmtime";

    public ICompiledProgram Compile(byte[] wasm, string name) =>
        new WasmtimeProgram(_engine, WT.Module.FromBytes(_engine, name, wasm));

    public void Dispose() => _engine.Dispose();
}
