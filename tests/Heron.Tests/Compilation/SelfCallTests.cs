using Heron.Tests.Runtime;

using System.Reflection.Emit;

namespace Heron.Tests.Compilation;

/// <summary>
/// A function calling itself, compiled ahead and untiered, calls through its code pointer (the code
/// itself once compiled) instead of its own precode stub; everywhere else it keeps the direct call.
/// Either way the results, the stack guard and fuel are the same.
/// </summary>
public sealed class SelfCallTests
{
    private const string Wat = """
        (module
          (func $fac (export "fac") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 1))
              (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
          (func $divmod (export "divmod") (param i32 i32) (result i32 i32)
            ;; Two results through the self call: (a / b, a % b) by repeated subtraction.
            (if (result i32 i32) (i32.lt_u (local.get 0) (local.get 1))
              (then (i32.const 0) (local.get 0))
              (else
                (call $divmod (i32.sub (local.get 0) (local.get 1)) (local.get 1))
                (local.set 1)
                (i32.add (i32.const 1))
                (local.get 1))))
          (func $forever (export "forever") (param i32) (result i32)
            (i32.add (i32.const 1) (call $forever (local.get 0)))))
        """;

    public static TheoryData<CompileStrategy, bool, bool> Engines => new()
    {
        { CompileStrategy.Ahead, false, false },
        { CompileStrategy.Ahead, true, false },
        { CompileStrategy.Lazy, false, false },
        { CompileStrategy.Ahead, false, true },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Recursion_gives_the_same_results_and_traps_at_the_stack_guard(CompileStrategy strategy, bool tiered, bool fuel)
    {
        var engine = new Engine(new EngineConfig { Strategy = strategy, TieredJit = tiered, ConsumeFuel = fuel });
        var store = new Store(engine);
        if (fuel) store.SetFuel(ulong.MaxValue);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Wat));
        Assert.Equal(3628800L, instance.GetFunction<long, long>("fac")!(10));
        var divmod = instance.Call("divmod", 47, 5);
        Assert.Equal([9, 2], divmod.Select(v => v.AsI32()));
        var trap = Assert.ThrowsAny<TrapException>(() => instance.Call("forever", 0));
        Assert.Equal(TrapCode.StackOverflow, trap.Code);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Only_untiered_code_compiled_ahead_calls_itself_through_its_code_pointer(bool tiered, bool throughPointer)
    {
        var engine = new Engine(new EngineConfig { Strategy = CompileStrategy.Ahead, TieredJit = tiered });
        var fac = Module.FromText(engine, Wat).Compiled.Methods[0];
        var il = fac.GetMethodBody()!.GetILAsByteArray()!;
        // fac's CIL has no other calli, and no byte operand that could read as one.
        Assert.Equal(throughPointer, il.Contains((byte)OpCodes.Calli.Value));
    }
}
