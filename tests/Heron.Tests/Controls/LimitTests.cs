namespace Heron.Tests.Controls;

public sealed class LimitTests
{
    private static readonly Engine Engine = new();

    private const string Growable = """
        (module
          (memory (export "memory") 1)
          (table (export "table") 1 funcref)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "grow_table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
        """;

    [Fact]
    public void MemoryGrowBeyondTheLimitReturnsMinusOne()
    {
        using var store = new Store(Engine);
        store.SetLimits(memorySize: 3 * 65536);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Growable));
        var grow = instance.GetFunction<int, int>("grow")!;
        Assert.Equal(1, grow(2));
        Assert.Equal(-1, grow(1));
        Assert.Equal(3, grow(0));
        Assert.Equal(-1, instance.GetMemory("memory")!.Grow(1));
        Assert.Equal(3 * 65536, instance.GetMemory("memory")!.Size);
    }

    [Fact]
    public void InstantiationBeyondTheMemoryLimitFails()
    {
        using var store = new Store(Engine);
        store.Limiter = new StoreLimits { MemorySize = 65536 };
        var failure = Assert.Throws<ResourceLimitException>(() =>
            new Linker(Engine).Instantiate(store, Module.FromText(Engine, "(module (memory 2))")));
        Assert.Equal("memory size", failure.Limit);
        Assert.Contains("131072 bytes", failure.Message);
        // The store stays usable for what fits.
        new Linker(Engine).Instantiate(store, Module.FromText(Engine, "(module (memory 1))"));
    }

    [Fact]
    public void TableGrowBeyondTheLimitReturnsMinusOneAndLargeTablesAreRefused()
    {
        using var store = new Store(Engine);
        store.SetLimits(tableElements: 10);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, Growable));
        var grow = instance.GetFunction<int, int>("grow_table")!;
        Assert.Equal(1, grow(9));
        Assert.Equal(-1, grow(1));
        Assert.Equal(10u, instance.GetTable("table")!.Size);
        var failure = Assert.Throws<ResourceLimitException>(() =>
            new Linker(Engine).Instantiate(store, Module.FromText(Engine, "(module (table 11 funcref))")));
        Assert.Equal("table elements", failure.Limit);
    }

    [Fact]
    public void CountsOfInstancesTablesAndMemoriesAreLimited()
    {
        var module = Module.FromText(Engine, "(module (memory 0) (table 0 funcref))");
        using (var store = new Store(Engine))
        {
            store.SetLimits(instances: 2);
            new Linker(Engine).Instantiate(store, module);
            new Linker(Engine).Instantiate(store, module);
            Assert.Equal("instances", Assert.Throws<ResourceLimitException>(() => new Linker(Engine).Instantiate(store, module)).Limit);
        }
        using (var store = new Store(Engine))
        {
            store.SetLimits(memories: 1);
            new Linker(Engine).Instantiate(store, module);
            Assert.Equal("memories", Assert.Throws<ResourceLimitException>(() => new Linker(Engine).Instantiate(store, module)).Limit);
            Assert.Throws<ResourceLimitException>(() => new Memory(store, new MemoryType(new Limits(0, null))));
        }
        using (var store = new Store(Engine))
        {
            store.SetLimits(tables: 1);
            new Linker(Engine).Instantiate(store, module);
            Assert.Equal("tables", Assert.Throws<ResourceLimitException>(() => new Linker(Engine).Instantiate(store, module)).Limit);
        }
    }

    private sealed class CountingLimiter : IResourceLimiter
    {
        public List<(long, long)> MemoryRequests { get; } = [];

        public bool MemoryGrowing(long currentBytes, long desiredBytes, long? maximumBytes)
        {
            MemoryRequests.Add((currentBytes, desiredBytes));
            return desiredBytes <= 2 * 65536 || maximumBytes == null;
        }

        public bool TableGrowing(long currentElements, long desiredElements, long? maximumElements) => true;
    }

    [Fact]
    public void ACustomLimiterSeesEveryCreationAndGrowth()
    {
        using var store = new Store(Engine) { Limiter = new CountingLimiter() };
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, """
            (module (memory 1 5) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """));
        var grow = instance.GetFunction<int, int>("grow")!;
        Assert.Equal(1, grow(1));
        Assert.Equal(-1, grow(1));
        var limiter = (CountingLimiter)store.Limiter!;
        Assert.Equal([(0L, 65536L), (65536L, 131072L), (131072L, 196608L)], limiter.MemoryRequests);
    }

    [Fact]
    public void TheMaximumWasmStackIsHonoured()
    {
        const string recursion = """
            (module (global $depth (mut i32) (i32.const 0))
              (func $down (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (call $down))
              (func (export "run") (call $down))
              (func (export "depth") (result i32) (global.get $depth)))
            """;
        int DepthWith(int maxStack)
        {
            var engine = new Engine(new EngineConfig { MaxWasmStack = maxStack });
            using var store = new Store(engine);
            var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, recursion));
            var trap = Assert.Throws<TrapException>(instance.GetAction("run")!);
            Assert.Equal(TrapCode.StackOverflow, trap.Code);
            return instance.GetFunction<int>("depth")!();
        }
        var small = DepthWith(64 * 1024);
        var large = DepthWith(512 * 1024);
        Assert.True(small > 100, $"{small} frames in 64 KiB");
        Assert.True(large > 4 * small, $"{large} frames in 512 KiB against {small} in 64 KiB");
    }
}
