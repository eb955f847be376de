namespace Heron.Bench.Engines;

/// <summary>Creates the engines a run asks for.</summary>
internal static class EngineFactory
{
    public static IEngineUnderTest? Heron(BenchOptions options) => options.RunHeron
        ? new HeronEngine(new EngineConfig { Features = options.Gc ? WasmFeatures.Wasm3 : WasmFeatures.Wasm2, ConsumeFuel = options.Fuel, EpochInterruption = options.Epoch, CompileAhead = options.Jit is not ("lazy" or "tiered"), CompileInBackground = options.Jit == "background", TieredJit = options.Jit == "tiered", Split = options.Split ? global::Heron.Compilation.SplitLimits.Measured : null })
        : null;

    public static IEngineUnderTest? Wasmtime(BenchOptions options) => options.RunWasmtime ? new WasmtimeEngine(options.Gc) : null;
}
