using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Heron.Bench.Micro;

/// <summary>
/// What a call costs: wasm→wasm, host→wasm with a typed <c>(i32, i32) -> i32</c> delegate, wasm→host, and
/// <c>call_indirect</c>. Figures are per call (each invocation makes <see cref="Calls"/> of them).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallBenchmarks
{
    private const int Calls = 10_000;
    private WasmtimeFixture _wasmtime = null!;
    private Func<int, int, int> _wasmtimeAdd = null!;
    private Func<int, int> _wasmtimeWasmCalls = null!;
    private Func<int, int> _wasmtimeHostCalls = null!;
    private Func<int, int> _wasmtimeIndirectCalls = null!;
    private HeronFixture _heron = null!;
    private Func<int, int, int> _heronAdd = null!;
    private Func<int, int> _heronWasmCalls = null!;
    private Func<int, int> _heronHostCalls = null!;
    private Func<int, int> _heronIndirectCalls = null!;

    /// <summary>Compiles and instantiates the call module in each engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtime = new WasmtimeFixture();
        var instance = _wasmtime.Instantiate(MicroModules.Calls);
        _wasmtimeAdd = instance.GetFunction<int, int, int>("add")!;
        _wasmtimeWasmCalls = instance.GetFunction<int, int>("wasm_calls")!;
        _wasmtimeHostCalls = instance.GetFunction<int, int>("host_calls")!;
        _wasmtimeIndirectCalls = instance.GetFunction<int, int>("indirect_calls")!;

        _heron = new HeronFixture();
        var heron = _heron.Instantiate(MicroModules.Calls);
        _heronAdd = heron.GetFunction<int, int, int>("add")!;
        _heronWasmCalls = heron.GetFunction<int, int>("wasm_calls")!;
        _heronHostCalls = heron.GetFunction<int, int>("host_calls")!;
        _heronIndirectCalls = heron.GetFunction<int, int>("indirect_calls")!;
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtime.Dispose();
        _heron.Dispose();
    }

    /// <summary>Wasmtime: a wasm function calling another.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("wasm->wasm")]
    public int WasmtimeWasmToWasm() => _wasmtimeWasmCalls(Calls);

    /// <summary>Wasmtime: C# calling an exported <c>(i32, i32) -> i32</c> through its typed delegate.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("host->wasm")]
    public int WasmtimeHostToWasm()
    {
        var acc = 0;
        for (var i = 0; i < Calls; i++) acc = _wasmtimeAdd(acc, i);
        return acc;
    }

    /// <summary>Wasmtime: wasm calling an imported C# function.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("wasm->host")]
    public int WasmtimeWasmToHost() => _wasmtimeHostCalls(Calls);

    /// <summary>Wasmtime: <c>call_indirect</c> through a 4-entry table.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("call_indirect")]
    public int WasmtimeCallIndirect() => _wasmtimeIndirectCalls(Calls);

    /// <summary>Heron: a wasm function calling another.</summary>
    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("wasm->wasm")]
    public int HeronWasmToWasm() => _heronWasmCalls(Calls);

    /// <summary>Heron: C# calling an exported <c>(i32, i32) -> i32</c> through its typed delegate.</summary>
    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("host->wasm")]
    public int HeronHostToWasm()
    {
        var acc = 0;
        for (var i = 0; i < Calls; i++) acc = _heronAdd(acc, i);
        return acc;
    }

    /// <summary>Heron: wasm calling an imported C# function.</summary>
    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("wasm->host")]
    public int HeronWasmToHost() => _heronHostCalls(Calls);

    /// <summary>Heron: <c>call_indirect</c> through a 4-entry table.</summary>
    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("call_indirect")]
    public int HeronCallIndirect() => _heronIndirectCalls(Calls);
}
