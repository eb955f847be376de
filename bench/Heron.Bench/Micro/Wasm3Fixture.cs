using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// The two engines of a 3.0 micro-benchmark: Wasmtime configured as every measurement here (Cranelift, speed)
/// plus the proposals the benchmark names, and Heron on <see cref="WasmFeatures.Wasm3"/>, each with one store.
/// Functions come out as <c>Func&lt;int, int&gt;</c>, the shape of every loop these benchmarks time.
/// </summary>
internal sealed class Wasm3Fixture : IDisposable
{
    private readonly WT.Engine _wasmtimeEngine;
    private readonly WT.Store _wasmtimeStore;
    private readonly Engine _heronEngine = new(new EngineConfig { Features = WasmFeatures.Wasm3 });
    private readonly Store _heronStore;

    /// <param name="proposals">Turns on in Wasmtime's configuration what the module needs (tail calls, memory64 ...).</param>
    public Wasm3Fixture(Func<WT.Config, WT.Config> proposals)
    {
        _wasmtimeEngine = new WT.Engine(proposals(new WT.Config()
            .WithCompilerStrategy(WT.CompilerStrategy.Cranelift)
            .WithOptimizationLevel(WT.OptimizationLevel.Speed)));
        _wasmtimeStore = new WT.Store(_wasmtimeEngine);
        _heronStore = new Store(_heronEngine);
    }

    /// <summary>Instantiates <paramref name="wat"/> in Wasmtime and returns its exports of these names.</summary>
    public Dictionary<string, Func<int, int>> Wasmtime(string wat, params string[] exports)
    {
        using var module = WT.Module.FromText(_wasmtimeEngine, "micro", wat);
        using var linker = new WT.Linker(_wasmtimeEngine);
        var instance = linker.Instantiate(_wasmtimeStore, module);
        return exports.ToDictionary(name => name, name => instance.GetFunction<int, int>(name)
            ?? throw new InvalidOperationException($"Wasmtime: no export {name} of type (i32) -> i32"));
    }

    /// <summary>Instantiates <paramref name="wat"/> in Heron and returns its exports of these names.</summary>
    public Dictionary<string, Func<int, int>> Heron(string wat, params string[] exports)
    {
        var instance = new Linker(_heronEngine).Instantiate(_heronStore, Module.FromText(_heronEngine, wat, "micro"));
        return exports.ToDictionary(name => name, name => instance.GetFunction<int, int>(name)
            ?? throw new InvalidOperationException($"Heron: no export {name} of type (i32) -> i32"));
    }

    public void Dispose()
    {
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
        _heronStore.Dispose();
    }
}
