using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Heron.Bench.Micro;

/// <summary>
/// What a tail call costs: mutual recursion of <see cref="Depth"/> calls per invocation through <c>return_call</c>
/// (same signature), <c>return_call_indirect</c>, a <c>return_call</c> to a function with more stack arguments, and
/// plain <c>call</c>s. Figures are per call. Both engines run the 3.0 feature set.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TailCallBenchmarks
{
    private const int Depth = 1_000;
    private static readonly string[] Entries = ["tail_same", "tail_indirect", "tail_wider", "plain_call"];
    private Wasm3Fixture _engines = null!;
    private Dictionary<string, Func<int, int>> _wasmtime = null!;
    private Dictionary<string, Func<int, int>> _heron = null!;

    /// <summary>Compiles and instantiates the tail-call module in each engine and checks both compute the same sums.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engines = new Wasm3Fixture(config => config.WithTailCalls(true));
        _wasmtime = _engines.Wasmtime(Wasm3Modules.TailCalls, Entries);
        _heron = _engines.Heron(Wasm3Modules.TailCalls, Entries);
        foreach (var name in Entries)
        {
            int expected = _wasmtime[name](Depth), actual = _heron[name](Depth);
            if (expected != actual) throw new InvalidOperationException($"{name}: Wasmtime {expected}, Heron {actual}");
        }
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engines.Dispose();

    /// <summary>Wasmtime: return_call between two functions of one signature.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Depth), BenchmarkCategory("return_call, same signature")]
    public int WasmtimeTailSame() => _wasmtime["tail_same"](Depth);

    /// <summary>Heron: return_call between two functions of one signature.</summary>
    [Benchmark(OperationsPerInvoke = Depth), BenchmarkCategory("return_call, same signature")]
    public int HeronTailSame() => _heron["tail_same"](Depth);

    /// <summary>Wasmtime: return_call_indirect through a table.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Depth), BenchmarkCategory("return_call_indirect")]
    public int WasmtimeTailIndirect() => _wasmtime["tail_indirect"](Depth);

    /// <summary>Heron: return_call_indirect through a table.</summary>
    [Benchmark(OperationsPerInvoke = Depth), BenchmarkCategory("return_call_indirect")]
    public int HeronTailIndirect() => _heron["tail_indirect"](Depth);

    /// <summary>Wasmtime: return_call alternating with a function of ten parameters.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Depth), BenchmarkCategory("return_call, to more stack arguments")]
    public int WasmtimeTailWider() => _wasmtime["tail_wider"](Depth);

    /// <summary>Heron: return_call alternating with a function of ten parameters.</summary>
    [Benchmark(OperationsPerInvoke = Depth), BenchmarkCategory("return_call, to more stack arguments")]
    public int HeronTailWider() => _heron["tail_wider"](Depth);

    /// <summary>Wasmtime: the same recursion with plain calls.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Depth), BenchmarkCategory("call (reference)")]
    public int WasmtimePlainCall() => _wasmtime["plain_call"](Depth);

    /// <summary>Heron: the same recursion with plain calls.</summary>
    [Benchmark(OperationsPerInvoke = Depth), BenchmarkCategory("call (reference)")]
    public int HeronPlainCall() => _heron["plain_call"](Depth);
}
