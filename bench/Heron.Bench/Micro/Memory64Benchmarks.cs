using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// What a 64-bit memory's bounds checks cost: the load-add-store-load loop over 64 KiB in a 32-bit memory and the same
/// loop in a 64-bit memory, each module with one memory. Figures are per iteration of the wasm loop (two loads, a store).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Memory64Benchmarks
{
    private const int Iterations = 16_384;
    private WT.Engine _wasmtimeEngine = null!;
    private WT.Store _wasmtimeStore = null!;
    private Func<int, int> _wasmtime32 = null!;
    private Func<int, int> _wasmtime64 = null!;
    private Func<int, int> _heron32 = null!;
    private Func<int, int> _heron64 = null!;

    /// <summary>Compiles and instantiates the two modules in each engine, memory64 on.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtimeEngine = new WT.Engine(new WT.Config()
            .WithCompilerStrategy(WT.CompilerStrategy.Cranelift)
            .WithOptimizationLevel(WT.OptimizationLevel.Speed)
            .WithMemory64(true));
        _wasmtimeStore = new WT.Store(_wasmtimeEngine);
        _wasmtime32 = WasmtimeLoadStore(MicroModules.Memory);
        _wasmtime64 = WasmtimeLoadStore(Wasm3Modules.Memory64);
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        var store = new Store(engine);
        _heron32 = HeronLoadStore(MicroModules.Memory);
        _heron64 = HeronLoadStore(Wasm3Modules.Memory64);

        Func<int, int> HeronLoadStore(string wat) =>
            new Linker(engine).Instantiate(store, Module.FromText(engine, wat, "memory")).GetFunction<int, int>("load_store")!;
    }

    private Func<int, int> WasmtimeLoadStore(string wat)
    {
        using var module = WT.Module.FromText(_wasmtimeEngine, "memory", wat);
        using var linker = new WT.Linker(_wasmtimeEngine);
        return linker.Instantiate(_wasmtimeStore, module).GetFunction<int, int>("load_store")!;
    }

    /// <summary>Releases Wasmtime.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
    }

    /// <summary>Wasmtime: 32-bit memory.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations), BenchmarkCategory("memory32")]
    public int WasmtimeMemory32() => _wasmtime32(Iterations);

    /// <summary>Heron: 32-bit memory.</summary>
    [Benchmark(OperationsPerInvoke = Iterations), BenchmarkCategory("memory32")]
    public int HeronMemory32() => _heron32(Iterations);

    /// <summary>Wasmtime: 64-bit memory.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations), BenchmarkCategory("memory64")]
    public int WasmtimeMemory64() => _wasmtime64(Iterations);

    /// <summary>Heron: 64-bit memory.</summary>
    [Benchmark(OperationsPerInvoke = Iterations), BenchmarkCategory("memory64")]
    public int HeronMemory64() => _heron64(Iterations);
}
