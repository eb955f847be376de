using System.Diagnostics;
using Xunit.Abstractions;

namespace Heron.Tests.Controls;

[Collection(MeasuredAloneCollection.Name)]
public sealed class DisposalTests(ITestOutputHelper output)
{
    private static readonly Engine Engine = new();

    [Fact]
    public void InstantiateAndDisposeCyclesKeepMemoryFlat()
    {
        var module = Module.FromText(Engine, """
            (module
              (memory (export "memory") 2)
              (table 4 funcref)
              (global (mut i64) (i64.const 0))
              (data (i32.const 0) "hello")
              (elem (i32.const 0) $f)
              (func $f (export "f") (result i32) (i32.load8_u (i32.const 0))))
            """);
        var linker = new Linker(Engine);
        void Cycles(int count)
        {
            for (int i = 0; i < count; i++)
            {
                using var store = new Store(Engine);
                var instance = linker.Instantiate(store, module);
                // Touch a page so that it is really committed, as a guest would.
                instance.GetMemory("memory")!.WriteInt32(70_000, i);
                if (instance.GetFunction<int>("f")!() != 'h') throw new InvalidOperationException("wrong result");
            }
        }
        Cycles(2000);
        var (rssBefore, virtualBefore, privateBefore) = Measure();
        Cycles(100_000);
        var (rssAfter, virtualAfter, privateAfter) = Measure();
        output.WriteLine($"VmRSS {rssBefore / 1024} -> {rssAfter / 1024} KiB, VmSize {virtualBefore / 1024} -> {virtualAfter / 1024} KiB, private {privateBefore / 1024} -> {privateAfter / 1024} KiB");
        // 100,000 leaked memories would be 12.5 GB of touched pages and 400 TB of reservations: a leak of
        // any size shows far above these bounds, the noise of the GC heap stays below them.
        Assert.True(rssAfter - rssBefore < 64L * 1024 * 1024, $"resident memory grew {(rssAfter - rssBefore) / 1024} KiB");
        Assert.True(virtualAfter - virtualBefore < 1024L * 1024 * 1024, $"address space grew {(virtualAfter - virtualBefore) / 1024} KiB");
    }

    private static (long Rss, long Virtual, long Private) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        long rss = process.WorkingSet64, size = process.VirtualMemorySize64;
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                if (line.StartsWith("VmSize:", StringComparison.Ordinal)) size = Kilobytes(line);
            }
        }
        return (rss, size, process.PrivateMemorySize64);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [Fact]
    public void DisposingAStoreReleasesItsMemories()
    {
        var store = new Store(Engine);
        var instance = new Linker(Engine).Instantiate(store, Module.FromText(Engine, "(module (memory (export \"m\") 1))"));
        var memory = instance.GetMemory("m")!;
        Assert.Equal(65536, memory.Size);
        store.Dispose();
        Assert.Equal(0, memory.Size);
        Assert.Throws<TrapException>(() => memory.ReadByte(0));
        Assert.Throws<ObjectDisposedException>(() => new Memory(store, new MemoryType(new Limits(1, null))));
        store.Dispose();
    }
}
