using System.Diagnostics;
using Heron.Tests.Controls;
using Xunit.Abstractions;

namespace Heron.Tests.Runtime;

/// <summary>
/// A store that allocates far more GC objects over its life than it keeps keeps a flat heap and working set:
/// nothing of Heron (the store, the instance, the compiled code) holds on to objects the program dropped.
/// The 10 GB run of the issue is a documented command (docs/gc.md); this is its 1 GiB version for CI.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class GcWorkingSetTests(ITestOutputHelper output)
{
    private const long Total = 1L << 30;
    private const long Megabyte = 1 << 20;

    // Each round makes a 64 KiB array (kept until the next round) and a list of 256 small structs (dropped at the
    // end of the round): about 90 KB a round, of which at most two rounds' worth is alive at any time. Every 64
    // rounds it calls the host, which samples the heap and the working set while the program runs.
    private const string Wat = """
        (module
          (import "host" "sample" (func $sample))
          (type $chunk (array (mut i8)))
          (type $link (struct (field i64) (field (ref null $link))))
          (func (export "churn") (param $rounds i32)
            (local $chunk (ref null $chunk)) (local $list (ref null $link)) (local $i i32)
            (loop $round
              (local.set $chunk (array.new_default $chunk (i32.const 65536)))
              (array.set $chunk (local.get $chunk) (i32.const 0) (local.get $rounds))
              (local.set $list (ref.null $link))
              (local.set $i (i32.const 256))
              (loop $links
                (local.set $list (struct.new $link (i64.extend_i32_u (local.get $i)) (local.get $list)))
                (br_if $links (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
              (if (i32.eqz (i32.and (local.get $rounds) (i32.const 63))) (then (call $sample)))
              (br_if $round (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))))
        """;

    [Fact]
    public void A_store_allocating_a_gibibyte_in_a_loop_keeps_its_heap_and_working_set_flat()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        using var process = Process.GetCurrentProcess();
        long peakHeap = 0, peakWorkingSet = 0;
        var store = new Store(engine);
        var linker = new Linker(engine).DefineFunction("host", "sample", () =>
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        });
        var churn = linker.Instantiate(store, Module.FromText(engine, Wat)).GetAction<int>("churn")!;

        // A first short run compiles everything and brings the heap to its working size; the baseline is taken after it.
        churn(1000);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        peakHeap = peakWorkingSet = 0;
        var allocatedBefore = store.Runtime.GcBytesAllocated;

        while (store.Runtime.GcBytesAllocated - allocatedBefore < Total) churn(1000);

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"allocated {(store.Runtime.GcBytesAllocated - allocatedBefore) / Megabyte} MB; heap {heapBefore / Megabyte} MB before, "
            + $"peak {peakHeap / Megabyte} MB, {heapAfter / Megabyte} MB after; working set {workingSetBefore / Megabyte} MB before, peak {peakWorkingSet / Megabyte} MB");
        // A leak of what was dropped would be a gibibyte; the bounds leave room for the collector's youngest
        // generation (its budget grows with the machine's cache) and for what the runtime does besides.
        Assert.True(peakHeap - heapBefore < 256 * Megabyte, $"the heap peaked {(peakHeap - heapBefore) / Megabyte} MB above where it started");
        Assert.True(peakWorkingSet - workingSetBefore < 384 * Megabyte,
            $"the working set peaked {(peakWorkingSet - workingSetBefore) / Megabyte} MB above where it started");
        Assert.True(heapAfter - heapBefore < 16 * Megabyte, $"{(heapAfter - heapBefore) / Megabyte} MB stayed alive after the loop");
        GC.KeepAlive(store);
    }
}
