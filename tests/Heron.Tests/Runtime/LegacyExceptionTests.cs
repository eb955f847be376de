namespace Heron.Tests.Runtime;

/// <summary>
/// The legacy exception instructions (<see cref="WasmFeatures.LegacyExceptions"/>): try with catch and
/// catch_all clauses, delegate to an outer handler or to the caller, rethrow by depth, and what they never catch.
/// </summary>
public sealed class LegacyExceptionTests
{
    private static readonly Engine Legacy = new(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.LegacyExceptions });

    private static Instance Instantiate(string wat, Linker? linker = null, Store? store = null) =>
        (linker ?? new Linker(Legacy)).Instantiate(store ?? new Store(Legacy), Module.FromText(Legacy, wat));

    [Fact]
    public void Catch_takes_the_exception_of_its_tag_with_its_payload_and_lets_others_pass()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (tag $b (param i64 f64))
              (tag $c)
              (func $throw (param i32)
                (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $a (i32.const 42))))
                (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $b (i64.const 7) (f64.const 0.5))))
                (if (i32.eq (local.get 0) (i32.const 3)) (then (throw $c))))
              (func (export "f") (param i32) (result i32)
                (i32.const 1000) ;; an operand below the try survives every path
                (try (result i32)
                  (do (call $throw (local.get 0)) (i32.const -1))
                  (catch $a)
                  (catch $b (drop) (i32.wrap_i64)))
                (i32.add)))
            """);
        Assert.Equal(999, instance.Call("f", 0)[0].AsI32());
        Assert.Equal(1042, instance.Call("f", 1)[0].AsI32());
        Assert.Equal(1007, instance.Call("f", 2)[0].AsI32());
        var escaped = Assert.Throws<ThrownException>(() => instance.Call("f", 3));
        Assert.Empty(escaped.Payload);
    }

    [Fact]
    public void Catch_all_takes_any_exception_and_an_exception_from_a_clause_goes_outward()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (tag $b)
              (func (export "f") (param i32) (result i32)
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (if (local.get 0) (then (throw $b))) (throw $a (i32.const 5)))
                      (catch $a (throw $b))
                      (catch_all (i32.const 2))))
                  (catch $b (i32.const 3)))))
            """);
        Assert.Equal(3, instance.Call("f", 0)[0].AsI32()); // thrown by the inner catch: only the outer try sees it
        Assert.Equal(2, instance.Call("f", 1)[0].AsI32());
    }

    [Fact]
    public void Delegate_skips_the_handlers_in_between_and_reaches_the_try_at_its_label()
    {
        var instance = Instantiate("""
            (module
              (tag $a)
              (func (export "f") (result i32)
                (try $outer (result i32)
                  (do
                    (try (result i32)
                      (do
                        (block
                          (try (do (throw $a)) (delegate $outer)))
                        (i32.const 0))
                      (catch_all (i32.const 1))))
                  (catch $a (i32.const 2)))))
            """);
        Assert.Equal(2, instance.Call("f")[0].AsI32());
    }

    [Fact]
    public void Delegate_to_a_try_table_label_reaches_its_catch_clauses()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "f") (result i32)
                (block $h (result i32)
                  (try_table $t (catch $a $h)
                    (try (do (throw $a (i32.const 8))) (delegate $t)))
                  (i32.const 0))))
            """);
        Assert.Equal(8, instance.Call("f")[0].AsI32());
    }

    [Fact]
    public void Delegate_to_the_function_label_throws_to_the_caller_past_every_handler()
    {
        var instance = Instantiate("""
            (module
              (tag $a (export "a") (param i32))
              (global $caught (export "caught") (mut i32) (i32.const 0))
              (func $inner (export "inner")
                (try
                  (do
                    (try (do (throw $a (i32.const 4))) (delegate 1)))
                  (catch_all (global.set $caught (i32.const 1)))))
              (func (export "outer") (result i32)
                (try (result i32)
                  (do (call $inner) (i32.const 0))
                  (catch $a))))
            """);
        var thrown = Assert.Throws<ThrownException>(() => instance.Call("inner"));
        Assert.Same(instance.GetTag("a"), thrown.Tag);
        Assert.Equal(4, instance.Call("outer")[0].AsI32());
        Assert.Equal(0, instance.GetGlobal("caught")!.Value.AsI32());
    }

    [Fact]
    public void Rethrow_throws_the_exception_caught_at_its_depth()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "f") (param i32) (result i32)
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (throw $a (i32.const 1)))
                      (catch $a
                        (drop)
                        (try (result i32)
                          (do (throw $a (i32.const 2)))
                          (catch $a
                            (drop)
                            ;; inside the if, depth 1 is the inner catch (exception 2), depth 2 the outer one (1)
                            (if (local.get 0) (then (rethrow 2)) (else (rethrow 1)))
                            (i32.const 0))))))
                  (catch $a))))
            """);
        Assert.Equal(2, instance.Call("f", 0)[0].AsI32());
        Assert.Equal(1, instance.Call("f", 1)[0].AsI32());
    }

    [Fact]
    public void Rethrow_keeps_the_identity_of_the_exception()
    {
        var store = new Store(Legacy);
        var tag = new Tag(store, new FunctionType([ValueType.I32], []));
        var original = new ThrownException(tag, Value.I32(6));
        var linker = new Linker(Legacy);
        linker.DefineFunction("host", "throw", new Action(() => throw original));
        var instance = Instantiate("""
            (module
              (import "host" "throw" (func $throw))
              (func (export "f") (try (do (call $throw)) (catch_all (rethrow 0)))))
            """, linker, store);
        Assert.Same(original, Assert.Throws<ThrownException>(() => instance.Call("f")));
    }

    [Theory]
    [InlineData("(unreachable)", TrapCode.Unreachable)]
    [InlineData("(drop (i32.load (i32.const 70000)))", TrapCode.MemoryOutOfBounds)]
    [InlineData("(drop (i32.div_s (i32.const 1) (local.get 0)))", TrapCode.IntegerDivisionByZero)]
    public void Traps_are_never_caught(string body, TrapCode code)
    {
        var instance = Instantiate($$"""
            (module
              (memory 1)
              (global $caught (export "caught") (mut i32) (i32.const 0))
              (func $body (param i32) {{body}})
              (func (export "f")
                (try
                  (do (try (do (call $body (i32.const 0))) (delegate 0)))
                  (catch_all (global.set $caught (i32.const 1))))))
            """);
        Assert.Equal(code, Wasm.Traps(() => instance.Call("f")).Code);
        Assert.Equal(0, instance.GetGlobal("caught")!.Value.AsI32());
    }

    [Fact]
    public void A_tail_call_inside_a_try_leaves_the_try_behind()
    {
        var instance = Instantiate("""
            (module
              (tag $a)
              (func $throw (result i32) (throw $a))
              (func $seven (result i32) (i32.const 7))
              (func (export "throws") (result i32)
                (try (result i32) (do (return_call $throw)) (catch_all (i32.const -1))))
              (func (export "returns") (result i32)
                (try (result i32) (do (return_call $seven)) (catch_all (i32.const -1)))))
            """);
        Assert.Throws<ThrownException>(() => instance.Call("throws"));
        Assert.Equal(7, instance.Call("returns")[0].AsI32());
    }

    [Fact]
    public void Branches_out_of_a_try_body_and_a_clause_carry_their_values()
    {
        var instance = Instantiate("""
            (module
              (tag $a (param i32))
              (func (export "f") (param i32) (result i32)
                (block $out (result i32)
                  (try (result i32)
                    (do
                      (br_if $out (i32.const 10) (i32.eqz (local.get 0)))
                      (throw $a (local.get 0)))
                    (catch $a (br $out (i32.add (i32.const 100)))))
                  (drop)
                  (i32.const -1))))
            """);
        Assert.Equal(10, instance.Call("f", 0)[0].AsI32());
        Assert.Equal(103, instance.Call("f", 3)[0].AsI32());
    }

    [Fact]
    public void The_instructions_are_refused_without_the_feature()
    {
        var wasm3 = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        Assert.False((WasmFeatures.Wasm3 & WasmFeatures.LegacyExceptions) != 0);
        var error = Assert.ThrowsAny<WasmException>(() => Module.FromText(wasm3, "(module (func (try (do) (catch_all))))"));
        Assert.Contains("illegal opcode", error.Message);
    }
}
