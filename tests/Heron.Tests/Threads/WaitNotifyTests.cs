namespace Heron.Tests.Threads;

/// <summary><c>memory.atomic.wait32/64</c> block until notified or timed out; <c>memory.atomic.notify</c> wakes and counts.</summary>
public sealed class WaitNotifyTests
{
    private const string WaitNotify = """
        (module
          (memory (import "a" "m") 1 1 shared)
          (func (export "wait32") (param i32 i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "wait64") (param i32 i64 i64) (result i32) (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1))))
        """;

    [Fact]
    public void A_waiter_blocks_until_a_notify_of_its_address_wakes_it()
    {
        var module = Module.FromText(ThreadsWasm.Engine, WaitNotify);
        using var owner = new Store(ThreadsWasm.Engine);
        var memory = new Memory(owner, new MemoryType(new Limits(1, 1), Shared: true));
        Instance InStore(Store s) => new Linker(ThreadsWasm.Engine).Define("a", "m", memory).Instantiate(s, module);
        const int waiters = 3;
        var results = new int[waiters];
        var threads = Enumerable.Range(0, waiters).Select(i => new Thread(() =>
        {
            using var store = new Store(ThreadsWasm.Engine);
            results[i] = InStore(store).GetFunction<int, int, long, int>("wait32")!(64, 0, -1);
        })).ToList();
        threads.ForEach(t => t.Start());
        using var main = new Store(ThreadsWasm.Engine);
        var instance = InStore(main);
        var notify = instance.GetFunction<int, int, int>("notify")!;
        var waitersAt64 = memory.Runtime.Waiters!;
        SpinWait.SpinUntil(() => waitersAt64.WaitingAt(64) == waiters);
        // Another address wakes nobody; a count of zero wakes nobody; then one, then the rest.
        Assert.Equal(0, notify(68, 10));
        Assert.Equal(0, notify(64, 0));
        Assert.Equal(1, notify(64, 1));
        Assert.Equal(2, notify(64, -1));
        threads.ForEach(t => t.Join());
        Assert.All(results, r => Assert.Equal(0, r));
        Assert.Equal(0, notify(64, 1));
    }

    [Fact]
    public void Wait_answers_not_equal_or_timed_out_without_a_notify()
    {
        var module = Module.FromText(ThreadsWasm.Engine, WaitNotify);
        using var store = new Store(ThreadsWasm.Engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, 1), Shared: true));
        var instance = new Linker(ThreadsWasm.Engine).Define("a", "m", memory).Instantiate(store, module);
        memory.WriteInt64(8, 0x1_0000_0005);
        Assert.Equal(1, instance.GetFunction<int, int, long, int>("wait32")!(8, 4, -1));
        Assert.Equal(2, instance.GetFunction<int, int, long, int>("wait32")!(8, 5, 0));
        Assert.Equal(2, instance.GetFunction<int, int, long, int>("wait32")!(8, 5, 1000));
        Assert.Equal(1, instance.GetFunction<int, long, long, int>("wait64")!(8, 5, -1));
        Assert.Equal(2, instance.GetFunction<int, long, long, int>("wait64")!(8, 0x1_0000_0005, 1));
        Assert.Equal(0, memory.Runtime.Waiters!.WaitingAt(8));
    }

    [Fact]
    public void Wait_on_an_unshared_memory_traps_and_notify_there_wakes_nobody()
    {
        var instance = new Linker(ThreadsWasm.Engine).Instantiate(new Store(ThreadsWasm.Engine), Module.FromText(ThreadsWasm.Engine, """
            (module (memory 1)
              (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
              (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1))))
            """));
        Assert.Equal(TrapCode.AtomicWaitNonSharedMemory, Assert.Throws<TrapException>(() => instance.GetFunction<int>("wait")!()).Code);
        Assert.Equal(0, instance.GetFunction<int>("notify")!());
    }
}
