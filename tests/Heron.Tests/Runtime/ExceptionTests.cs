namespace Heron.Tests.Runtime;

/// <summary>WebAssembly exceptions: try_table's clauses, rethrow through exnref, and what no handler may catch.</summary>
public sealed class ExceptionTests
{
    private static readonly Engine Wasm3 = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private static Instance Instantiate(string wat, Engine? engine = null, Linker? linker = null, Store? store = null)
    {
        engine ??= Wasm3;
        return (linker ?? new Linker(engine)).Instantiate(store ?? new Store(engine), Module.FromText(engine, wat));
    }

    private const string Catcher = """
        (module
          (tag $a (param i32))
          (tag $b (param i64 f64))
          (func $throw (param i32)
            (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $a (i32.const 42))))
            (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $b (i64.const 7) (f64.const 0.5)))))
          (func (export "catch") (param i32) (result i32)
            (block $none
              (block $gotb (result i64 f64)
                (block $gota (result i32)
                  (try_table (catch $a $gota) (catch $b $gotb)
                    (call $throw (local.get 0)))
                  (br $none))
                (return))
              (drop)
              (return (i32.wrap_i64)))
            (i32.const -1)))
        """;

    [Fact]
    public void A_catch_clause_takes_the_exception_of_its_tag_with_its_payload()
    {
        var instance = Instantiate(Catcher);
        Assert.Equal(-1, instance.Call("catch", 0)[0].AsI32());
        Assert.Equal(42, instance.Call("catch", 1)[0].AsI32());
        Assert.Equal(7, instance.Call("catch", 2)[0].AsI32());
    }

    [Fact]
    public void An_exception_no_clause_matches_reaches_the_host_with_its_tag_and_payload()
    {
        var instance = Instantiate("""
            (module
              (tag $a (export "a") (param i32 i64))
              (tag $other)
              (func (export "f")
                (block $h
                  (try_table (catch $other $h)
                    (throw $a (i32.const 3) (i64.const -4))))))
            """);
        var thrown = Assert.Throws<ThrownException>(() => instance.Call("f"));
        Assert.Same(instance.GetTag("a"), thrown.Tag);
        Assert.Equal([Value.I32(3), Value.I64(-4)], thrown.Payload);
    }

    [Fact]
    public void Catch_ref_and_throw_ref_rethrow_the_same_exception_to_an_outer_handler()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "f") (result i32)
                (block $outer (result i32)
                  (try_table (catch $a $outer)
                    (block $inner (result i32 exnref)
                      (try_table (catch_ref $a $inner)
                        (throw $a (i32.const 9)))
                      (unreachable))
                    ;; the payload is still below the exnref: rethrow the exception itself
                    (throw_ref)
                    (drop))
                  (i32.const -1))))
            """);
        Assert.Equal(9, instance.Call("f")[0].AsI32());
    }

    [Fact]
    public void Throw_ref_of_null_traps()
    {
        var instance = Instantiate("""(module (func (export "f") (throw_ref (ref.null exn))))""");
        Assert.Equal(TrapCode.NullReference, Wasm.Traps(() => instance.Call("f")).Code);
    }

    [Fact]
    public void Catch_all_ref_gives_an_exnref_the_host_can_read()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param f32))
              (func (export "f") (result exnref)
                (block $h (result exnref)
                  (try_table (catch_all_ref $h) (throw $a (f32.const 1.5)))
                  (unreachable))))
            """);
        var exception = instance.Call("f")[0].AsExnRef();
        Assert.NotNull(exception);
        Assert.Equal(1.5f, exception.Payload[0].AsF32());
    }

    [Fact]
    public void Operands_below_a_try_table_and_its_parameters_survive_a_catch_and_a_branch_out()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "f") (param i32) (result i32)
                (i32.const 100)
                (block $h (result i32)
                  (i32.const 20)
                  (try_table (param i32) (result i32) (catch $a $h)
                    (local.get 0)
                    (if (param i32) (result i32) (then (throw $a)) (else))
                    (br 1)))
                (i32.add)))
            """);
        Assert.Equal(120, instance.Call("f", 0)[0].AsI32()); // the br carries the parameter out of the region
        Assert.Equal(120, instance.Call("f", 1)[0].AsI32()); // the catch carries the payload
    }

    [Fact]
    public void A_return_inside_a_try_table_returns_every_result()
    {
        var instance = Instantiate("""
            (module
              (tag $a)
              (func (export "f") (result i32 i64)
                (block $h
                  (try_table (catch $a $h)
                    (return (i32.const 1) (i64.const 2))))
                (i32.const 0) (i64.const 0)))
            """);
        Assert.Equal([Value.I32(1), Value.I64(2)], instance.Call("f"));
    }

    [Theory]
    [InlineData("(unreachable)", TrapCode.Unreachable)]
    [InlineData("(drop (i32.load (i32.const 70000)))", TrapCode.MemoryOutOfBounds)]
    [InlineData("(drop (i32.div_s (i32.const 1) (local.get 0)))", TrapCode.IntegerDivisionByZero)]
    [InlineData("(call $recurse)", TrapCode.StackOverflow)]
    public void Catch_all_never_catches_a_trap(string body, TrapCode code)
    {
        var instance = Instantiate($$"""
            (module
              (memory 1)
              (global $caught (export "caught") (mut i32) (i32.const 0))
              (func $recurse (call $recurse))
              (func $body (param i32) {{body}})
              (func (export "f")
                (block $h
                  (try_table (catch_all $h) (call $body (i32.const 0)))
                  (return))
                (global.set $caught (i32.const 1))))
            """);
        Assert.Equal(code, Wasm.Traps(() => instance.Call("f")).Code);
        Assert.Equal(0, instance.GetGlobal("caught")!.Value.AsI32());
    }

    [Fact]
    public void Catch_all_never_catches_running_out_of_fuel_and_fuel_is_charged_across_a_catch()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3, ConsumeFuel = true });
        var store = new Store(engine);
        var instance = Instantiate("""
            (module
              (tag $a)
              (func $spin (loop $l (br $l)))
              (func $throw (throw $a))
              (func (export "spin")
                (block $h (try_table (catch_all $h) (call $spin))))
              (func (export "throws") (result i32)
                (block $h (try_table (catch_all $h) (call $throw)) (return (i32.const 0)))
                (i32.const 1)))
            """, engine, store: store);
        store.SetFuel(1000);
        Assert.Equal(1, instance.Call("throws")[0].AsI32());
        var left = store.GetFuel();
        Assert.True(left < 1000, $"the callee's fuel was charged: {left} left");
        Assert.Equal(TrapCode.OutOfFuel, Wasm.Traps(() => instance.Call("spin")).Code);
    }

    [Fact]
    public void A_host_error_is_not_a_WebAssembly_exception()
    {
        var linker = new Linker(Wasm3);
        linker.DefineFunction("host", "fail", new Action(() => throw new InvalidOperationException("host failure")));
        var instance = Instantiate("""
            (module
              (import "host" "fail" (func $fail))
              (func (export "f") (block $h (try_table (catch_all $h) (call $fail)))))
            """, linker: linker);
        Assert.Throws<InvalidOperationException>(() => instance.Call("f"));
    }

    [Fact]
    public void An_exception_unwinds_through_a_host_frame_to_an_outer_WebAssembly_handler()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        Function? inner = null;
        linker.DefineFunction("host", "reenter", new Action(() => inner!.Invoke()));
        var instance = Instantiate("""
            (module
              (import "host" "reenter" (func $reenter))
              (tag $a (param i32))
              (func (export "inner") (throw $a (i32.const 77)))
              (func (export "outer") (result i32)
                (block $h (result i32)
                  (try_table (catch $a $h) (call $reenter))
                  (i32.const -1))))
            """, linker: linker, store: store);
        inner = instance.GetFunction("inner");
        Assert.Equal(77, instance.Call("outer")[0].AsI32());
        Assert.Equal(77, instance.GetFunction<int>("outer")!());
    }

    [Fact]
    public void Many_try_tables_in_a_loop_compile_and_run()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "sum") (param $n i32) (result i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s)
                    (block $h (result i32)
                      (try_table (result i32) (catch $a $h)
                        (if (i32.and (local.get $n) (i32.const 1)) (then (throw $a (local.get $n))))
                        (i32.const 0)))))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $s)))
            """);
        Assert.Equal(1 + 3 + 5 + 7 + 9, instance.Call("sum", 10)[0].AsI32());
    }
}
