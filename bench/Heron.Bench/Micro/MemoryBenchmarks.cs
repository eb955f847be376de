using BenchmarkDotNet.Attributes;

namespace Heron.Bench.Micro;

/// <summary>A load-add-store-load loop over 64 KiB of linear memory; figures are per iteration of the wasm loop (two loads, a store).</summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
public class MemoryBenchmarks
{
    private const int Iterations = 16_384;
    private WasmtimeFixture _wasmtime = null!;
    private Func<int, int> _wasmtimeLoadStore = null!;
    private HeronFixture _heron = null!;
    private Func<int, int> _heronLoadStore = null!;

    /// <summary>Instantiates the memory module in each engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtime = new WasmtimeFixture();
        _wasmtimeLoadStore = _wasmtime.Instantiate(MicroModules.Memory).GetFunction<int, int>("load_store")!;
        _heron = new HeronFixture();
        _heronLoadStore = _heron.Instantiate(MicroModules.Memory).GetFunction<int, int>("load_store")!;
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtime.Dispose();
        _heron.Dispose();
    }

    /// <summary>Wasmtime: two loads and a store per iteration.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations)]
    public int WasmtimeLoadStore() => _wasmtimeLoadStore(Iterations);

    /// <summary>Heron: two loads and a store per iteration.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronLoadStore() => _heronLoadStore(Iterations);
}
