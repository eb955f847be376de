using WT = Wasmtime;

namespace Heron.Bench.Engines;

/// <summary>
/// Wasmtime through its NuGet package, the oracle Heron is measured against: Cranelift, optimising for
/// speed, everything else as Wasmtime ships it (parallel compilation included).
/// </summary>
internal sealed class WasmtimeEngine : IEngineUnderTest
{
    private readonly WT.Engine _engine = NewEngine();

    /// <summary>A Wasmtime engine configured as every measurement here uses it (the micro-benchmarks too).</summary>
    public static WT.Engine NewEngine() => new(new WT.Config()
        .WithCompilerStrategy(WT.CompilerStrategy.Cranelift)
        .WithOptimizationLevel(WT.OptimizationLevel.Speed));

    public string Name => "wasmtime";

    public ICompiledProgram Compile(byte[] wasm, string name) =>
        new WasmtimeProgram(_engine, WT.Module.FromBytes(_engine, name, wasm));

    public void Dispose() => _engine.Dispose();
}
