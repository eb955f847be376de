namespace Heron.Tests.Controls;

public sealed class FuelTests
{
    private static readonly Engine Engine = new(new EngineConfig { ConsumeFuel = true });

    private const string Loops = """
        (module
          (func (export "forever") (loop (br 0)))
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $i))
          (func $down (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (call $down (i32.sub (local.get 0) (i32.const 1))))))
          (func (export "recurse") (param i32) (result i32) (call $down (local.get 0))))
        """;

    [Fact]
    public void AnInfiniteLoopRunsOutOfFuel()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        store.SetFuel(1_000_000);
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("forever")!());
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal("all fuel consumed by WebAssembly", trap.Reason);
        Assert.Equal(0UL, store.GetFuel());
        Assert.Equal(1_000_000UL, store.FuelConsumed);
    }

    [Fact]
    public void AStoreWithoutFuelTrapsAtOnce()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        Assert.Equal(0UL, store.GetFuel());
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("count")!(1)).Code);
    }

    [Fact]
    public void ConsumptionFollowsTheCostTable()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        var count = instance.GetFunction<int, int>("count")!;
        store.SetFuel(1_000_000);
        Assert.Equal(0, count(0));
        var empty = store.FuelConsumed;
        Assert.Equal(10, count(10));
        var ten = store.FuelConsumed - empty;
        // Each iteration: local.get, local.get, i32.ge_u, br_if, local.get, i32.const, i32.add, local.set, br = 9.
        Assert.Equal(empty + 90, ten);
        Assert.Equal(1_000_000UL - store.FuelConsumed, store.GetFuel());
    }

    [Fact]
    public void RecursionConsumesFuelThroughCalls()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        var recurse = instance.GetFunction<int, int>("recurse")!;
        store.SetFuel(50);
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => recurse(1000)).Code);
        store.SetFuel(1_000_000);
        Assert.Equal(0, recurse(1000));
    }

    [Fact]
    public void AStoreCanBeRefuelledAndUsedAgain()
    {
        using var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Loops));
        var count = instance.GetFunction<int, int>("count")!;
        store.SetFuel(100);
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => count(1_000_000)).Code);
        Assert.Equal(0UL, store.GetFuel());
        store.AddFuel(20_000_000);
        Assert.Equal(1_000_000, count(1_000_000));
        Assert.True(store.GetFuel() > 0);
        store.AddFuel(ulong.MaxValue);
        Assert.Equal((ulong)long.MaxValue, store.GetFuel());
    }

    [Fact]
    public void FuelNeedsTheEngineToConsumeIt()
    {
        using var store = new Store(new Engine());
        Assert.Throws<InvalidOperationException>(() => store.SetFuel(1));
        Assert.Throws<InvalidOperationException>(() => store.GetFuel());
    }

    [Fact]
    public void HostFunctionsCanReadAndAddFuel()
    {
        var linker = new Linker(Engine);
        ulong seen = 0;
        linker.DefineFunction("env", "refill", (Caller caller) =>
        {
            seen = caller.Store!.GetFuel();
            caller.Store.AddFuel(1000);
        });
        using var store = new Store(Engine);
        var instance = linker.Instantiate(store, Module.FromText(Engine, """
            (module (import "env" "refill" (func $refill))
              (func (export "run") (call $refill) (call $refill)))
            """));
        store.SetFuel(10);
        instance.GetAction("run")!();
        Assert.True(seen > 1000 && seen < 1010);
    }
}
