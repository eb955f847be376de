using BenchmarkDotNet.Attributes;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// Instantiating an already compiled small module (a memory page with data, a 10-entry table, 10
/// functions) in a new store, and dropping it: the cost per request of a host that isolates each one.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
public class InstantiateBenchmarks
{
    private WasmtimeFixture _wasmtime = null!;
    private WT.Module _wasmtimeModule = null!;
    private HeronFixture _heron = null!;
    private Module _heronModule = null!;

    /// <summary>Compiles the small module in each engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtime = new WasmtimeFixture();
        _wasmtimeModule = _wasmtime.Compile(MicroModules.Small);
        _heron = new HeronFixture();
        _heronModule = _heron.Compile(MicroModules.Small);
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtimeModule.Dispose();
        _wasmtime.Dispose();
        _heron.Dispose();
    }

    /// <summary>Wasmtime: a new store, the instance in it, then both dropped.</summary>
    [Benchmark(Baseline = true)]
    public object WasmtimeInstantiate()
    {
        using var store = new WT.Store(_wasmtime.Engine);
        return _wasmtime.Linker.Instantiate(store, _wasmtimeModule);
    }

    /// <summary>Heron: a new store, the instance in it, then both dropped.</summary>
    [Benchmark]
    public object HeronInstantiate()
    {
        using var store = new Store(_heron.Engine);
        return _heron.Linker.Instantiate(store, _heronModule);
    }
}
