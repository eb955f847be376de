using System.Diagnostics;
using Xunit.Abstractions;

namespace Heron.Tests.Controls;

public sealed class EpochTests(ITestOutputHelper output)
{
    private static readonly Engine Engine = new(new EngineConfig { EpochInterruption = true });

    private const string Loops = """
        (module
          (func (export "forever") (loop (br 0)))
          (func $spin (loop (br 0)))
          (func (export "calls") (loop (call $nothing) (br 0)))
          (func $nothing)
          (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $s (i32.add (local.get $s) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $s)))
        """;

    [Fact]
    public void AnInfiniteLoopIsStoppedFromAnotherThread()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        var forever = instance.GetAction("forever")!;
        store.SetEpochDeadline(1);
        long tickedAt = 0;
        var clock = Stopwatch.StartNew();
        using var timer = new Timer(_ =>
        {
            Volatile.Write(ref tickedAt, clock.ElapsedTicks);
            Engine.IncrementEpoch();
        }, null, 50, Timeout.Infinite);
        var trap = Assert.Throws<TrapException>(forever);
        var stoppedAt = clock.ElapsedTicks;
        Assert.Equal(TrapCode.Interrupt, trap.Code);
        Assert.Equal("interrupt", trap.Reason);
        var latency = TimeSpan.FromTicks((stoppedAt - Volatile.Read(ref tickedAt)) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        output.WriteLine($"stopped {latency.TotalMilliseconds:F3} ms after the epoch passed the deadline");
        // The loop checks the epoch at every iteration; only a loaded machine makes this more than microseconds.
        Assert.True(latency < TimeSpan.FromSeconds(1), $"stopped {latency.TotalMilliseconds} ms after the deadline");
    }

    [Fact]
    public void ALoopOfCallsIsStoppedAtFunctionEntryOrLoopHeader()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        store.SetEpochDeadline(2);
        using var timer = new Timer(_ => Engine.IncrementEpoch(), null, 10, 10);
        Assert.Equal(TrapCode.Interrupt, Assert.Throws<TrapException>(instance.GetAction("calls")!).Code);
    }

    [Fact]
    public void CodeRunsNormallyBeforeTheDeadlineAndAfterANewOne()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        var sum = instance.GetFunction<int, int>("sum")!;
        Assert.Equal(4950, sum(100));
        store.SetEpochDeadline(0);
        Assert.Equal(TrapCode.Interrupt, Assert.Throws<TrapException>(() => sum(100)).Code);
        store.SetEpochDeadline(1);
        Assert.Equal(4950, sum(100));
    }

    [Fact]
    public void AnEpochOnlyInterruptsStoresWhoseDeadlinePassed()
    {
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var module = Module.FromText(engine, Loops);
        using var early = new Store(engine);
        using var late = new Store(engine);
        var earlySum = new Linker(engine).Instantiate(early, module).GetFunction<int, int>("sum")!;
        var lateSum = new Linker(engine).Instantiate(late, module).GetFunction<int, int>("sum")!;
        early.SetEpochDeadline(1);
        late.SetEpochDeadline(3);
        engine.IncrementEpoch();
        Assert.Equal(1UL, engine.CurrentEpoch);
        Assert.Throws<TrapException>(() => earlySum(10));
        Assert.Equal(45, lateSum(10));
    }

    [Fact]
    public void DeadlinesNeedEpochInterruption()
    {
        using var store = new Store(new Engine());
        Assert.Throws<InvalidOperationException>(() => store.SetEpochDeadline(1));
    }
}
