using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

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
    private Wasm3Fixture _engines = null!;
    private Func<int, int> _wasmtime32 = null!;
    private Func<int, int> _wasmtime64 = null!;
    private Func<int, int> _heron32 = null!;
    private Func<int, int> _heron64 = null!;

    /// <summary>Compiles and instantiates the two modules in each engine, memory64 on.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engines = new Wasm3Fixture(config => config.WithMemory64(true));
        _wasmtime32 = _engines.Wasmtime(MicroModules.Memory, "load_store")["load_store"];
        _wasmtime64 = _engines.Wasmtime(Wasm3Modules.Memory64, "load_store")["load_store"];
        _heron32 = _engines.Heron(MicroModules.Memory, "load_store")["load_store"];
        _heron64 = _engines.Heron(Wasm3Modules.Memory64, "load_store")["load_store"];
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engines.Dispose();

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
