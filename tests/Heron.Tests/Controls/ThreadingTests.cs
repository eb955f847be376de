namespace Heron.Tests.Controls;

public sealed class ThreadingTests
{
    private static readonly Engine Engine = new();

    private const string Counter = """
        (module
          (memory (export "memory") 1)
          (table 2 funcref)
          (global $g (mut i32) (i32.const 0))
          (elem (i32.const 0) $add)
          (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "run") (param $seed i32) (result i32)
            (i32.store (i32.const 16) (local.get $seed))
            (global.set $g (i32.mul (i32.load (i32.const 16)) (i32.const 3)))
            (call_indirect (param i32 i32) (result i32) (global.get $g) (i32.const 7) (i32.const 0))))
        """;

    [Fact]
    public void ManyThreadsInstantiateOneModuleWithoutCrossTalk()
    {
        var module = Module.FromText(Engine, Counter);
        var linker = new Linker(Engine);
        const int threads = 64, perThread = 1000;
        var failures = 0;
        var completed = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            var id = t;
            workers[t] = new Thread(() =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    using var store = new Store(Engine);
                    var run = linker.Instantiate(store, module).GetFunction<int, int>("run")!;
                    var seed = id * perThread + i;
                    if (run(seed) != seed * 3 + 7) Interlocked.Increment(ref failures);
                    Interlocked.Increment(ref completed);
                }
            });
            workers[t].Start();
        }
        foreach (var worker in workers) worker.Join();
        Assert.Equal(0, failures);
        Assert.Equal(threads * perThread, completed);
    }

    [Fact]
    public void AStoreUsedFromTwoThreadsAtOnceIsRefused()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "wait", () =>
        {
            entered.Set();
            release.Wait();
        });
        using var store = new Store(Engine);
        var instance = linker.Instantiate(store, Module.FromText(Engine, """
            (module (import "env" "wait" (func $wait))
              (func (export "block") (call $wait))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            """));
        var add = instance.GetFunction<int, int, int>("add")!;
        var first = new Thread(() => instance.GetAction("block")!());
        first.Start();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        var refused = Assert.Throws<InvalidOperationException>(() => add(1, 2));
        Assert.Contains("one thread at a time", refused.Message);
        Assert.Throws<InvalidOperationException>(() => instance.GetFunction("add")!.Invoke(Value.I32(1), Value.I32(2)));
        Assert.Throws<InvalidOperationException>(() => new Linker(Engine).Instantiate(store, Module.FromText(Engine, "(module)")));
        release.Set();
        first.Join();
        // Once the other thread has left, this one may use the store.
        Assert.Equal(3, add(1, 2));
    }

    [Fact]
    public void HostFunctionsMayCallBackIntoTheirStoreOnTheSameThread()
    {
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "again", (Caller caller, int x) => x == 0 ? 0 : caller.GetFunction("twice")!.AsFunc<int, int>()(x - 1) + 2);
        using var store = new Store(Engine);
        var instance = linker.Instantiate(store, Module.FromText(Engine, """
            (module (import "env" "again" (func $again (param i32) (result i32)))
              (func (export "twice") (param i32) (result i32) (call $again (local.get 0))))
            """));
        Assert.Equal(10, instance.GetFunction<int, int>("twice")!(5));
    }
}
