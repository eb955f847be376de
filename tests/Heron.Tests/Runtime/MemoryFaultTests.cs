namespace Heron.Tests.Runtime;

/// <summary>
/// Bounds checks raise the JIT's OverflowException inside compiled code; every way into WebAssembly
/// must turn it into the out-of-bounds trap, with the frames of the faulting functions, and must leave
/// an OverflowException that host code throws alone.
/// </summary>
public class MemoryFaultTests
{
    private const string Nested = """
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (memory 1)
          (func $inner (param i32) (result i32) (i32.load (local.get 0)))
          (func $middle (param i32) (result i32) (call $inner (local.get 0)))
          (func (export "outer") (param i32) (result i32) (call $middle (local.get 0)))
          (func (export "via_host") (param i32) (result i32) (call $host (local.get 0))))
        """;

    private static Instance Instantiate(Func<int, int> host)
    {
        var engine = new Engine(new EngineConfig { InlineFunctions = false });
        var linker = new Linker(engine);
        linker.DefineFunction("env", "host", host);
        return linker.Instantiate(new Store(engine), Module.FromText(engine, Nested));
    }

    [Fact]
    public void AnUntypedCallTrapsWithTheFaultingFramesFirst()
    {
        var instance = Instantiate(x => x);
        var trap = Wasm.Traps(() => instance.Call("outer", Value.I32(65536)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal("out of bounds memory access", trap.Reason);
        Assert.Equal([1, 2, 3], trap.Backtrace.Take(3).Select(frame => frame.FunctionIndex));
        Assert.Equal(0, instance.Call("outer", Value.I32(65532))[0].AsI32()); // the last four bytes still load
    }

    [Fact]
    public void ATypedCallTrapsToo()
    {
        var outer = Instantiate(x => x).GetFunction<int, int>("outer")!;
        var trap = Assert.Throws<TrapException>(() => outer(-1));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal(1, trap.Backtrace[0].FunctionIndex);
        Assert.Equal(0, outer(0));
    }

    [Fact]
    public void AFaultInsideACallbackReachesTheOuterCallerAsATrap()
    {
        Instance? instance = null;
        instance = Instantiate(x => instance!.GetFunction<int, int>("outer")!(x));
        var trap = Assert.Throws<TrapException>(() => instance.Call("via_host", Value.I32(1 << 20)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
    }

    [Fact]
    public void AnOverflowThrownByTheHostStaysAnOverflow()
    {
        var instance = Instantiate(x => checked(x + int.MaxValue));
        Assert.Throws<OverflowException>(() => instance.Call("via_host", Value.I32(5)));
        var typed = instance.GetFunction<int, int>("via_host")!;
        Assert.Throws<OverflowException>(() => typed(5));
    }

    [Fact]
    public void AFaultInTheStartFunctionFailsInstantiationWithTheTrap()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, """
            (module (memory 1) (func $start (drop (i64.load offset=65530 (i32.const 0)))) (start $start))
            """);
        var trap = Assert.Throws<TrapException>(() => new Linker(engine).Instantiate(new Store(engine), module));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
    }
}
