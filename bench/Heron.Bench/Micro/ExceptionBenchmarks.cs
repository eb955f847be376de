using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// What WebAssembly exceptions cost: a <c>throw</c> caught by a <c>try_table</c> in the same function, one
/// caught a call away (the thrower's frame unwound, as C++ exceptions usually are), and a <c>try_table</c>
/// entered and left without a throw. Figures are per iteration of the wasm loop (each invocation runs
/// <see cref="Iterations"/> of them). Both engines run the 3.0 feature set.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ExceptionBenchmarks
{
    private const int Iterations = 1_000;
    private WT.Engine _wasmtimeEngine = null!;
    private WT.Store _wasmtimeStore = null!;
    private Func<int, int> _wasmtimeLocal = null!;
    private Func<int, int> _wasmtimeAcrossCall = null!;
    private Func<int, int> _wasmtimeNoThrow = null!;
    private Func<int, int> _heronLocal = null!;
    private Func<int, int> _heronAcrossCall = null!;
    private Func<int, int> _heronNoThrow = null!;

    /// <summary>Compiles and instantiates the exception module in each engine, exceptions enabled.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtimeEngine = new WT.Engine(new WT.Config()
            .WithCompilerStrategy(WT.CompilerStrategy.Cranelift)
            .WithOptimizationLevel(WT.OptimizationLevel.Speed)
            .WithExceptions(true));
        _wasmtimeStore = new WT.Store(_wasmtimeEngine);
        using (var module = WT.Module.FromText(_wasmtimeEngine, "exceptions", MicroModules.Exceptions))
        using (var linker = new WT.Linker(_wasmtimeEngine))
        {
            var instance = linker.Instantiate(_wasmtimeStore, module);
            _wasmtimeLocal = instance.GetFunction<int, int>("throw_local")!;
            _wasmtimeAcrossCall = instance.GetFunction<int, int>("throw_across_call")!;
            _wasmtimeNoThrow = instance.GetFunction<int, int>("no_throw")!;
        }

        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        var heron = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, MicroModules.Exceptions, "exceptions"));
        _heronLocal = heron.GetFunction<int, int>("throw_local")!;
        _heronAcrossCall = heron.GetFunction<int, int>("throw_across_call")!;
        _heronNoThrow = heron.GetFunction<int, int>("no_throw")!;
    }

    /// <summary>Releases Wasmtime.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
    }

    /// <summary>Wasmtime: throw and catch in one function.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations), BenchmarkCategory("throw+catch, same function")]
    public int WasmtimeThrowCatch() => _wasmtimeLocal(Iterations);

    /// <summary>Wasmtime: the callee throws, the caller catches.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations), BenchmarkCategory("throw+catch, across a call")]
    public int WasmtimeThrowAcrossCall() => _wasmtimeAcrossCall(Iterations);

    /// <summary>Wasmtime: a try_table around a call that returns normally.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations), BenchmarkCategory("try_table, no throw")]
    public int WasmtimeNoThrow() => _wasmtimeNoThrow(Iterations);

    /// <summary>Heron: throw and catch in one function.</summary>
    [Benchmark(OperationsPerInvoke = Iterations), BenchmarkCategory("throw+catch, same function")]
    public int HeronThrowCatch() => _heronLocal(Iterations);

    /// <summary>Heron: the callee throws, the caller catches.</summary>
    [Benchmark(OperationsPerInvoke = Iterations), BenchmarkCategory("throw+catch, across a call")]
    public int HeronThrowAcrossCall() => _heronAcrossCall(Iterations);

    /// <summary>Heron: a try_table around a call that returns normally.</summary>
    [Benchmark(OperationsPerInvoke = Iterations), BenchmarkCategory("try_table, no throw")]
    public int HeronNoThrow() => _heronNoThrow(Iterations);
}
