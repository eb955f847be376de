using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

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
    private static readonly string[] Entries = ["throw_local", "throw_across_call", "no_throw"];
    private Wasm3Fixture _engines = null!;
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
        _engines = new Wasm3Fixture(config => config.WithExceptions(true));
        var wasmtime = _engines.Wasmtime(MicroModules.Exceptions, Entries);
        (_wasmtimeLocal, _wasmtimeAcrossCall, _wasmtimeNoThrow) = (wasmtime["throw_local"], wasmtime["throw_across_call"], wasmtime["no_throw"]);
        var heron = _engines.Heron(MicroModules.Exceptions, Entries);
        (_heronLocal, _heronAcrossCall, _heronNoThrow) = (heron["throw_local"], heron["throw_across_call"], heron["no_throw"]);
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engines.Dispose();

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
