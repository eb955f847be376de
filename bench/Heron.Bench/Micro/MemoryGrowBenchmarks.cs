using BenchmarkDotNet.Attributes;

namespace Heron.Bench.Micro;

/// <summary>
/// <c>memory.grow</c> by one page, called from wasm. Memory only grows, so each iteration starts from a
/// fresh two-page instance and makes a fixed number of grows (64 MiB in all).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[InvocationCount(GrowsPerIteration, 1)]
public class MemoryGrowBenchmarks
{
    private const int GrowsPerIteration = 1024;
    private WasmtimeFixture? _wasmtime;
    private Func<int> _wasmtimeGrow = null!;
    private HeronFixture? _heron;
    private Func<int> _heronGrow = null!;

    /// <summary>A fresh Wasmtime store and instance for the next iteration's grows.</summary>
    [IterationSetup(Target = nameof(WasmtimeGrow))]
    public void SetupWasmtime()
    {
        _wasmtime?.Dispose();
        _wasmtime = new WasmtimeFixture();
        _wasmtimeGrow = _wasmtime.Instantiate(MicroModules.Memory).GetFunction<int>("grow")!;
    }

    /// <summary>A fresh Heron store and instance for the next iteration's grows.</summary>
    [IterationSetup(Target = nameof(HeronGrow))]
    public void SetupHeron()
    {
        _heron?.Dispose();
        _heron = new HeronFixture();
        _heronGrow = _heron.Instantiate(MicroModules.Memory).GetFunction<int>("grow")!;
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtime?.Dispose();
        _heron?.Dispose();
    }

    /// <summary>Wasmtime: grow by one page.</summary>
    [Benchmark(Baseline = true)]
    public int WasmtimeGrow() => _wasmtimeGrow();

    /// <summary>Heron: grow by one page.</summary>
    [Benchmark]
    public int HeronGrow() => _heronGrow();
}
