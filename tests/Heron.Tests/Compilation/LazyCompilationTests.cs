using Heron.Compilation;

namespace Heron.Tests.Compilation;

/// <summary>
/// <see cref="CompileStrategy.Lazy"/>: each function compiled on its first call, with the same results as
/// compiling ahead, and never for a function that is not called.
/// </summary>
public sealed class LazyCompilationTests
{
    private const string Program = """
        (module
          (type $binary (func (param i32 i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $add $sub)
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
          (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
          (func (export "apply") (param i32 i32 i32) (result i32)
            (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0)))
          (func $pair (param i64) (result i64 i64) (local.get 0) (i64.mul (local.get 0) (local.get 0)))
          (func (export "square_plus") (param i64) (result i64)
            (call $pair (local.get 0)) (i64.add))
          (func $count (param i32 i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
          (func (export "count") (param i32) (result i32) (return_call $count (local.get 0) (i32.const 0)))
          (func $never (export "never") (result i32) (call $also_never))
          (func $also_never (result i32) (i32.const 42)))
        """;

    private static (Engine Engine, Module Module, Instance Instance) Load(CompileStrategy strategy, string text = Program)
    {
        var engine = new Engine(new EngineConfig { Strategy = strategy, Features = WasmFeatures.Wasm3 });
        var module = Module.FromText(engine, text);
        var store = new Store(engine);
        return (engine, module, new Linker(engine).Instantiate(store, module));
    }

    private static int[] Results(Instance instance) =>
    [
        instance.GetFunction<int, int>("fib")!(20),
        instance.GetFunction<int, int, int, int>("apply")!(0, 30, 12),
        instance.GetFunction<int, int, int, int>("apply")!(1, 30, 12),
        (int)instance.GetFunction<long, long>("square_plus")!(9),
        instance.GetFunction<int, int>("count")!(100000),
    ];

    [Fact]
    public void A_lazily_compiled_module_computes_what_the_same_module_compiled_ahead_computes()
    {
        var ahead = Load(CompileStrategy.Ahead);
        var lazy = Load(CompileStrategy.Lazy);
        Assert.Null(ahead.Module.Compiled.Lazy);
        Assert.NotNull(lazy.Module.Compiled.Lazy);
        Assert.Equal([6765, 42, 18, 90, 200000], Results(ahead.Instance));
        Assert.Equal(Results(ahead.Instance), Results(lazy.Instance));
    }

    [Fact]
    public void Compiling_lazily_compiles_nothing_with_the_module_and_then_only_the_functions_called()
    {
        var (engine, module, instance) = Load(CompileStrategy.Lazy);
        var lazy = module.Compiled.Lazy!;
        Assert.Equal(0, engine.CompiledFunctions);
        Assert.Equal(6765, instance.GetFunction<int, int>("fib")!(20));
        Assert.Equal(1, lazy.CompiledCount);
        Assert.Equal(42, instance.GetFunction<int, int, int, int>("apply")!(0, 30, 12));
        Assert.Equal(3, lazy.CompiledCount); // apply and $add; $sub is in the table but never called
        Assert.False(lazy.IsCompiled(2));
        Assert.False(lazy.IsCompiled(8)); // $never
        Assert.False(lazy.IsCompiled(9)); // $also_never
        Assert.Equal(3, engine.CompiledFunctions);
    }

    [Fact]
    public void Compiling_ahead_compiles_every_function_with_the_module()
    {
        var (engine, _, _) = Load(CompileStrategy.Ahead);
        Assert.Equal(10, engine.CompiledFunctions);
    }

    [Fact]
    public void Auto_compiles_lazily_from_the_configured_code_size_on()
    {
        var small = new Engine(new EngineConfig { LazyCodeSize = 1 << 20 });
        var tiny = new Engine(new EngineConfig { LazyCodeSize = 1 });
        const string text = "(module (func (export \"f\") (result i32) (i32.const 1)))";
        Assert.Null(Module.FromText(small, text).Compiled.Lazy);
        Assert.NotNull(Module.FromText(tiny, text).Compiled.Lazy);
        Assert.Equal(CompileStrategy.Auto, new EngineConfig().Strategy);
    }

    [Fact]
    public void Threads_calling_a_function_for_the_first_time_at_once_compile_it_once_and_all_get_its_result()
    {
        var (engine, module, _) = Load(CompileStrategy.Lazy);
        var results = new int[8];
        using var ready = new Barrier(results.Length);
        var threads = Enumerable.Range(0, results.Length).Select(t => new Thread(() =>
        {
            using var store = new Store(engine);
            var fib = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("fib")!;
            ready.SignalAndWait();
            results[t] = fib(15 + t % 3);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.Equal(Enumerable.Range(0, results.Length).Select(t => new[] { 610, 987, 1597 }[t % 3]), results);
        Assert.Equal(1, module.Compiled.Lazy!.CompiledCount);
    }

    [Fact]
    public void A_trap_in_lazily_compiled_code_has_the_same_backtrace()
    {
        const string text = """
            (module
              (func $inner (unreachable))
              (func $middle (call $inner))
              (func (export "outer") (call $middle)))
            """;
        foreach (var strategy in new[] { CompileStrategy.Ahead, CompileStrategy.Lazy })
        {
            var engine = new Engine(new EngineConfig { Strategy = strategy, InlineFunctions = false });
            var (_, _, instance) = (engine, 0, new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, text)));
            var trap = Assert.Throws<TrapException>(() => instance.GetFunction("outer")!.Invoke());
            Assert.Equal([0, 1, 2], trap.Backtrace.Select(frame => frame.FunctionIndex));
        }
    }

    [Fact]
    public void A_lazily_compiled_function_imported_by_another_module_and_the_start_function_run()
    {
        var engine = new Engine(new EngineConfig { Strategy = CompileStrategy.Lazy });
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var library = linker.Instantiate(store, Module.FromText(engine, """
            (module
              (global $g (export "g") (mut i32) (i32.const 0))
              (func $init (global.set $g (i32.const 5)))
              (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (start $init))
            """));
        linker.DefineInstance("lib", library);
        var user = linker.Instantiate(store, Module.FromText(engine, """
            (module
              (import "lib" "twice" (func $twice (param i32) (result i32)))
              (import "lib" "g" (global $g (mut i32)))
              (func (export "run") (result i32) (call $twice (global.get $g))))
            """));
        Assert.Equal(10, user.GetFunction<int>("run")!());
    }

    [Fact]
    public void Exports_are_shown_to_the_caller_before_any_function_is_compiled()
    {
        var engine = new Engine(new EngineConfig { Strategy = CompileStrategy.Ahead });
        var bytes = Heron.Text.WatParser.ParseModule("(module (func (export \"init\")) (func (export \"other\")))", 1, 1, emitNames: false);
        IReadOnlyList<ExportType>? seen = null;
        var refused = Assert.Throws<InvalidOperationException>(() => Module.FromBytesChecked(engine, bytes, null, exports =>
        {
            seen = exports;
            throw new InvalidOperationException("no _start");
        }));
        Assert.Equal("no _start", refused.Message);
        Assert.Equal(["init", "other"], seen!.Select(export => export.Name));
        Assert.Equal(0, engine.CompiledFunctions);
        Module.FromBytesChecked(engine, bytes, null, _ => { });
        Assert.Equal(2, engine.CompiledFunctions);
    }
}
