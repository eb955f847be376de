namespace Heron.Tests.Threads;

/// <summary>Shared memories: imported by identity into other stores, kept alive by them, grown atomically.</summary>
public sealed class SharedMemoryTests
{
    [Fact]
    public void A_shared_memory_exported_by_one_store_is_the_same_memory_in_another()
    {
        var exporter = Module.FromText(ThreadsWasm.Engine, """(module (memory (export "m") 1 4 shared))""");
        var importer = Module.FromText(ThreadsWasm.Engine, """
            (module (memory (import "a" "m") 1 4 shared)
              (func (export "put") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1))))
            """);
        var first = new Store(ThreadsWasm.Engine);
        var memory = new Linker(ThreadsWasm.Engine).Instantiate(first, exporter).GetMemory("m")!;
        using var second = new Store(ThreadsWasm.Engine);
        var instance = new Linker(ThreadsWasm.Engine).Define("a", "m", memory).Instantiate(second, importer);
        instance.GetAction<int, int>("put")!(8, 77);
        Assert.Equal(77, memory.ReadInt32(8));
        // The creating store goes away; the store that imported the memory still uses it.
        first.Dispose();
        instance.GetAction<int, int>("put")!(12, 78);
        Assert.Equal(78, memory.ReadInt32(12));
    }

    [Fact]
    public void An_unshared_memory_stays_in_its_store()
    {
        var importer = Module.FromText(ThreadsWasm.Engine, """(module (memory (import "a" "m") 1))""");
        using var first = new Store(ThreadsWasm.Engine);
        using var second = new Store(ThreadsWasm.Engine);
        var memory = new Memory(first, new MemoryType(new Limits(1, null)));
        var error = Assert.Throws<LinkException>(() => new Linker(ThreadsWasm.Engine).Define("a", "m", memory).Instantiate(second, importer));
        Assert.Contains("another store", error.Message);
    }

    [Fact]
    public void Growing_from_many_threads_at_once_hands_out_each_page_once()
    {
        const int threads = 8, growsEach = 16;
        var module = Module.FromText(ThreadsWasm.Engine, """
            (module (memory (import "a" "m") 1 1000 shared)
              (func (export "grow") (result i32) (memory.grow (i32.const 1))))
            """);
        using var owner = new Store(ThreadsWasm.Engine);
        var memory = new Memory(owner, new MemoryType(new Limits(1, 1000), Shared: true));
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        ThreadsWasm.OnThreads(threads, _ =>
        {
            using var store = new Store(ThreadsWasm.Engine);
            var grow = new Linker(ThreadsWasm.Engine).Define("a", "m", memory).Instantiate(store, module).GetFunction<int>("grow")!;
            for (int i = 0; i < growsEach; i++) seen.Add(grow());
        });
        Assert.Equal(1 + threads * growsEach, memory.Pages);
        Assert.Equal(Enumerable.Range(1, threads * growsEach), seen.Order());
    }
}
