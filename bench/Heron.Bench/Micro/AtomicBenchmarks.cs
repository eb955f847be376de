using BenchmarkDotNet.Attributes;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// What atomicity costs on one thread (no contention): a loop of <c>i32.atomic.rmw.add</c> beside the same
/// loop of plain load-add-store, and atomic loads and stores beside plain ones; figures are per iteration of
/// the wasm loop. The memory is not shared: Wasmtime's .NET binding cannot turn on its shared-memory
/// support, and atomics compile alike on either kind of memory in both engines.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
public class AtomicBenchmarks
{
    private const int Iterations = 16_384;

    private const string Module = """
        (module
          (memory 1 1)
          (func (export "plain_add") (param $n i32) (result i32)
            (loop $l
              (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (i32.const 1)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (i32.load (i32.const 64)))
          (func (export "atomic_add") (param $n i32) (result i32)
            (loop $l
              (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 1)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (i32.load (i32.const 64)))
          (func (export "plain_load") (param $n i32) (result i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (i32.load (i32.and (local.get $n) (i32.const 0xfffc)))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $s))
          (func (export "atomic_load") (param $n i32) (result i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (i32.atomic.load (i32.and (local.get $n) (i32.const 0xfffc)))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $s))
          (func (export "atomic_store") (param $n i32) (result i32)
            (loop $l
              (i32.atomic.store (i32.and (local.get $n) (i32.const 0xfffc)) (local.get $n))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (i32.load (i32.const 0))))
        """;

    private static readonly string[] Exports = ["plain_add", "atomic_add", "plain_load", "atomic_load", "atomic_store"];

    private WT.Engine _wasmtimeEngine = null!;
    private WT.Store _wasmtimeStore = null!;
    private Store _heronStore = null!;
    private readonly Dictionary<string, Func<int, int>> _wasmtime = new();
    private readonly Dictionary<string, Func<int, int>> _heron = new();

    /// <summary>Instantiates the module in each engine, with the threads proposal on.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wasmtimeEngine = new WT.Engine(new WT.Config()
            .WithCompilerStrategy(WT.CompilerStrategy.Cranelift)
            .WithOptimizationLevel(WT.OptimizationLevel.Speed)
            .WithWasmThreads(true));
        _wasmtimeStore = new WT.Store(_wasmtimeEngine);
        using var wasmtimeModule = WT.Module.FromText(_wasmtimeEngine, "atomics", Module);
        var wasmtimeInstance = new WT.Linker(_wasmtimeEngine).Instantiate(_wasmtimeStore, wasmtimeModule);
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2 | WasmFeatures.Threads });
        _heronStore = new Store(engine);
        var heronInstance = new Linker(engine).Instantiate(_heronStore, Heron.Module.FromText(engine, Module, "atomics"));
        foreach (var name in Exports)
        {
            _wasmtime[name] = wasmtimeInstance.GetFunction<int, int>(name)!;
            _heron[name] = heronInstance.GetFunction<int, int>(name)!;
        }
    }

    /// <summary>Releases the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
        _heronStore.Dispose();
    }

    /// <summary>Wasmtime: plain load, add, store.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations)]
    public int WasmtimePlainAdd() => _wasmtime["plain_add"](Iterations);

    /// <summary>Heron: plain load, add, store.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronPlainAdd() => _heron["plain_add"](Iterations);

    /// <summary>Wasmtime: i32.atomic.rmw.add.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int WasmtimeAtomicAdd() => _wasmtime["atomic_add"](Iterations);

    /// <summary>Heron: i32.atomic.rmw.add.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronAtomicAdd() => _heron["atomic_add"](Iterations);

    /// <summary>Wasmtime: plain i32.load.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int WasmtimePlainLoad() => _wasmtime["plain_load"](Iterations);

    /// <summary>Heron: plain i32.load.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronPlainLoad() => _heron["plain_load"](Iterations);

    /// <summary>Wasmtime: i32.atomic.load.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int WasmtimeAtomicLoad() => _wasmtime["atomic_load"](Iterations);

    /// <summary>Heron: i32.atomic.load.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronAtomicLoad() => _heron["atomic_load"](Iterations);

    /// <summary>Wasmtime: i32.atomic.store.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int WasmtimeAtomicStore() => _wasmtime["atomic_store"](Iterations);

    /// <summary>Heron: i32.atomic.store.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int HeronAtomicStore() => _heron["atomic_store"](Iterations);
}
