namespace Heron.Tests.Runtime;

/// <summary>
/// Tail calls run in constant stack: a million-deep mutual recursion, which as ordinary calls exhausts the
/// stack, completes through return_call, return_call_indirect and return_call_ref, inside a try_table, and
/// across modules; and a tail call leaves its caller's exception handlers behind.
/// </summary>
public sealed class TailCallTests
{
    private static readonly Engine Wasm3 = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private const int Depth = 1_000_000;

    private static Instance Instantiate(string wat, Linker? linker = null, Store? store = null) =>
        (linker ?? new Linker(Wasm3)).Instantiate(store ?? new Store(Wasm3), Module.FromText(Wasm3, wat));

    private static int Even(Instance instance, string name, int n) =>
        instance.GetFunction(name)!.Invoke(Value.I32(n))[0].AsI32();

    [Fact]
    public void The_same_recursion_as_ordinary_calls_exhausts_the_stack()
    {
        var instance = Instantiate("""
            (module
              (func $even (export "even") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1)))))))
            """);
        Assert.Equal(TrapCode.StackOverflow, Wasm.Traps(() => Even(instance, "even", Depth)).Code);
    }

    [Fact]
    public void A_million_deep_mutual_return_call_runs_in_constant_stack()
    {
        var instance = Instantiate("""
            (module
              (func $even (export "even") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (return_call $odd (i32.sub (local.get 0) (i32.const 1))))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (return_call $even (i32.sub (local.get 0) (i32.const 1)))))))
            """);
        Assert.Equal(1, Even(instance, "even", Depth));
        Assert.Equal(0, Even(instance, "even", Depth + 1));
    }

    [Fact]
    public void A_million_deep_return_call_to_a_function_with_more_stack_arguments_runs_in_constant_stack()
    {
        // $wide has more parameters than the registers hold, $narrow fewer: the .NET JIT cannot reuse $narrow's
        // frame for $wide's stack arguments and makes that tail call through its helper, which must keep the
        // stack constant too (and pass every argument through).
        var instance = Instantiate("""
            (module
              (func $narrow (export "even") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call $wide (i32.sub (local.get 0) (i32.const 1))
                    (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (f64.const 9)))))
              (func $wide (param i32 i64 i64 i64 i64 i64 i64 i64 i64 f64) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else
                    (if (i64.ne (i64.add (local.get 1) (local.get 8)) (i64.const 9)) (then (unreachable)))
                    (if (f64.ne (local.get 9) (f64.const 9)) (then (unreachable)))
                    (return_call $narrow (i32.sub (local.get 0) (i32.const 1)))))))
            """);
        Assert.Equal(1, Even(instance, "even", Depth));
        Assert.Equal(0, Even(instance, "even", Depth + 1));
    }

    [Theory]
    [InlineData("i32")]
    [InlineData("i64")]
    public void A_million_deep_mutual_return_call_indirect_runs_in_constant_stack(string address)
    {
        var instance = Instantiate($$"""
            (module
              (type $t (func (param i32) (result i32)))
              (table {{address}} 2 2 funcref)
              (elem (table 0) ({{address}}.const 0) func $even $odd)
              (func $even (export "even") (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) ({{address}}.const 1)))))
              (func $odd (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) ({{address}}.const 0))))))
            """);
        Assert.Equal(1, Even(instance, "even", Depth));
    }

    [Fact]
    public void A_million_deep_mutual_return_call_ref_runs_in_constant_stack()
    {
        var instance = Instantiate("""
            (module
              (type $t (func (param i32) (result i32)))
              (elem declare func $even $odd)
              (func $even (export "even") (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call_ref $t (i32.sub (local.get 0) (i32.const 1)) (ref.func $odd)))))
              (func $odd (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (return_call_ref $t (i32.sub (local.get 0) (i32.const 1)) (ref.func $even))))))
            """);
        Assert.Equal(1, Even(instance, "even", Depth));
    }

    [Fact]
    public void A_million_deep_return_call_from_inside_a_try_table_runs_in_constant_stack()
    {
        var instance = Instantiate("""
            (module
              (tag $e)
              (func $count (export "count") (param i32) (result i32)
                (block $caught
                  (try_table (catch $e $caught)
                    (if (i32.eqz (local.get 0)) (then (return (i32.const 1))))
                    (return_call $count (i32.sub (local.get 0) (i32.const 1)))))
                (i32.const -1)))
            """);
        Assert.Equal(1, Even(instance, "count", Depth));
    }

    [Fact]
    public void A_million_deep_mutual_tail_recursion_across_modules_runs_in_constant_stack()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        // $even (module a) reaches $odd (module b) through a shared table; $odd calls the imported $even.
        linker.DefineInstance("a", Instantiate("""
            (module
              (type $t (func (param i32) (result i32)))
              (table (export "table") 1 funcref)
              (func (export "even") (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0))))))
            """, linker, store));
        var b = Instantiate("""
            (module
              (type $t (func (param i32) (result i32)))
              (import "a" "table" (table 1 funcref))
              (import "a" "even" (func $even (type $t)))
              (elem (i32.const 0) func $odd)
              (func $odd (export "odd") (type $t)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (return_call $even (i32.sub (local.get 0) (i32.const 1)))))))
            """, linker, store);
        Assert.Equal(0, Even(b, "odd", Depth));
        Assert.Equal(1, Even(b, "odd", Depth + 1));
    }

    [Theory]
    [InlineData("(return_call $throw)")]
    [InlineData("(return_call_indirect (i32.const 0))")]
    [InlineData("(return_call_ref $v (ref.func $throw))")]
    public void A_tail_call_leaves_the_callers_handlers_behind(string call)
    {
        var instance = Instantiate($$"""
            (module
              (type $v (func))
              (tag $e)
              (func $throw (throw $e))
              (table funcref (elem $throw))
              (func (export "run")
                (block $h
                  (try_table (catch $e $h)
                    {{call}}))))
            """);
        Assert.Throws<ThrownException>(() => instance.GetFunction("run")!.Invoke());
    }
}
