namespace Heron.Tests.Runtime;

/// <summary>Guests that misbehave get a trap or an error, and the same process goes on running other modules.</summary>
public sealed class RobustnessTests
{
    private const string Healthy = """
        (module
          (memory 1)
          (func (export "sum") (param i32) (result i32) (local i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get 0)))
                (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get 0)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br $next)))
            (i32.load (i32.const 0))))
        """;

    private static void AnotherModuleStillRuns() =>
        Assert.Equal(500500, Wasm.Instantiate(Healthy).Call("sum", 1000)[0].AsI32());

    [Fact]
    public void InfiniteRecursionTrapsWithCallStackExhausted()
    {
        var instance = Wasm.Instantiate("""
            (module
              (func $forever (export "forever") (param i64) (result i64)
                (i64.add (call $forever (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
              (func $wide (export "wide") (param f64 f64 f64 f64 f64 f64 f64 f64) (result f64)
                (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
                (call $wide (local.get 0) (local.get 1) (local.get 2) (local.get 3)
                            (local.get 4) (local.get 5) (local.get 6) (local.get 7)))
              (func (export "ok") (result i32) (i32.const 42)))
            """);
        var trap = Wasm.Traps(() => instance.Call("forever", 0L));
        Assert.Equal(TrapCode.StackOverflow, trap.Code);
        Assert.Equal("call stack exhausted", trap.Reason);
        Assert.Contains(trap.Backtrace, frame => frame.FunctionName == "forever");
        Assert.Equal(TrapCode.StackOverflow, Wasm.Traps(() => instance.Call("wide", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)).Code);
        // The instance and the host stay usable.
        Assert.Equal(42, instance.Call("ok")[0].AsI32());
        Assert.Equal(TrapCode.StackOverflow, Wasm.Traps(() => instance.Call("forever", 0L)).Code);
        AnotherModuleStillRuns();
    }

    [Fact]
    public void RecursionThroughTheHostIsBoundedToo()
    {
        var linker = new Linker(Wasm.Engine);
        Function? reenter = null;
        linker.DefineFunction("host", "bounce", (int depth) => reenter!.Invoke(depth + 1)[0].AsI32());
        var instance = Wasm.Instantiate("""
            (module
              (import "host" "bounce" (func $bounce (param i32) (result i32)))
              (func (export "enter") (param i32) (result i32) (call $bounce (local.get 0))))
            """, linker);
        reenter = instance.GetFunction("enter");
        Assert.Equal(TrapCode.StackOverflow, Wasm.Traps(() => instance.Call("enter", 0)).Code);
        AnotherModuleStillRuns();
    }

    [Fact]
    public void RecursionOnAThreadWithASmallStackTrapsInsteadOfCrashing()
    {
        TrapException? trap = null;
        var thread = new Thread(() =>
        {
            var instance = Wasm.Instantiate("(module (func $f (export \"f\") (call $f)))");
            trap = Assert.Throws<TrapException>(() => instance.Call("f"));
        }, maxStackSize: 512 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(TrapCode.StackOverflow, trap?.Code);
        AnotherModuleStillRuns();
    }

    [Fact]
    public void GuestMayGrowItsMemoryToAllFourGibibytes()
    {
        using var store = new Store(Wasm.Engine);
        var instance = Wasm.Instantiate("""
            (module
              (memory (export "memory") 0)
              (func (export "grow_all") (result i32)
                (loop $more
                  (br_if $more (i32.ne (memory.grow (i32.const 4096)) (i32.const -1))))
                (memory.size))
              (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
              (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "last") (result i32) (i32.load (i32.const 0xFFFFFFFC))))
            """, store: store);
        Assert.Equal(65536, instance.Call("grow_all")[0].AsI32());
        Assert.Equal(4L << 30, instance.GetMemory("memory")!.Size);
        instance.Call("poke", -1, 0x5A);
        Assert.Equal(0x5A, instance.Call("peek", -1)[0].AsI32());
        Assert.Equal(0x5A000000, instance.Call("last")[0].AsI32());
        Assert.Equal(-1, instance.GetMemory("memory")!.Grow(1));
        store.Dispose();
        AnotherModuleStillRuns();
    }

    [Fact]
    public void StartFunctionTrapFailsInstantiationAndTheProcessGoesOn()
    {
        var trap = Assert.Throws<TrapException>(() => Wasm.Instantiate("""
            (module
              (memory 1)
              (func $start (drop (i32.load (i32.const 70000))))
              (start $start))
            """));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal("out of bounds memory access", trap.Reason);
        AnotherModuleStillRuns();
    }

    [Fact]
    public void TrapsCarryAWebAssemblyBacktraceWithNames()
    {
        var engine = new Engine(new EngineConfig { InlineFunctions = false });
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, """
            (module
              (func $inner (unreachable))
              (func $middle (call $inner))
              (func (export "outer") (call $middle)))
            """));
        var trap = Wasm.Traps(() => instance.Call("outer"));
        Assert.Equal("unreachable", trap.Reason);
        Assert.True(trap.Backtrace.Count >= 3);
        Assert.Equal(0, trap.Backtrace[0].FunctionIndex);
        Assert.Equal(2, trap.Backtrace[2].FunctionIndex);
        Assert.Equal("outer", trap.Backtrace[2].FunctionName);
    }
}
