using BenchmarkDotNet.Attributes;
using Heron.Bench.Suite;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// Compiling a large real module from bytes: sightglass's bz2 (196 KB, C compiled by clang), with no
/// cache. For Heron this is what <c>Module.FromBytes</c> does up front; code the .NET JIT compiles later, at
/// first call, is not in it (the side-by-side run's JIT column shows that).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
public class CompileBenchmarks
{
    private WasmtimeFixture _wasmtime = null!;
    private HeronFixture _heron = null!;
    private byte[] _bytes = null!;

    /// <summary>Reads the module.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = SharedFolder.Sightglass()
            ?? throw new InvalidOperationException("the sightglass programs were not found: set HERON_SHARED");
        _bytes = File.ReadAllBytes(Path.Combine(folder, "bz2", "benchmark.wasm"));
        _wasmtime = new WasmtimeFixture();
        _heron = new HeronFixture();
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtime.Dispose();
        _heron.Dispose();
    }

    /// <summary>Wasmtime: Cranelift compiles every function (on all cores).</summary>
    [Benchmark(Baseline = true)]
    public object WasmtimeCompile()
    {
        using var module = WT.Module.FromBytes(_wasmtime.Engine, "bz2", _bytes);
        return module.Name ?? "";
    }

    /// <summary>Heron: decode, validate and generate the code of every function.</summary>
    [Benchmark]
    public object HeronCompile() => Module.FromBytes(_heron.Engine, _bytes, "bz2");
}
