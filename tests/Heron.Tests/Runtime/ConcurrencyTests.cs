namespace Heron.Tests.Runtime;

public sealed class ConcurrencyTests
{
    [Fact]
    public void OneModuleRunsInEightStoresOnEightThreadsAtOnce()
    {
        var module = Module.FromText(Wasm.Engine, """
            (module
              (memory (export "memory") 1)
              (global $seed (mut i32) (i32.const 0))
              (func (export "run") (param $seed i32) (param $rounds i32) (result i32) (local $i i32) (local $sum i32)
                (global.set $seed (local.get $seed))
                (loop $round
                  (local.set $i (i32.const 0))
                  (loop $fill
                    (i32.store (i32.shl (local.get $i) (i32.const 2))
                      (i32.add (i32.load (i32.shl (local.get $i) (i32.const 2))) (global.get $seed)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $fill (i32.lt_u (local.get $i) (i32.const 16384))))
                  (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
                  (br_if $round (local.get $rounds)))
                (local.set $i (i32.const 0))
                (loop $add
                  (local.set $sum (i32.add (local.get $sum) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $add (i32.lt_u (local.get $i) (i32.const 16384))))
                (local.get $sum)))
            """);
        const int threads = 8, rounds = 50;
        var results = new int[threads];
        var bytes = new byte[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            using var store = new Store(Wasm.Engine);
            var instance = new Linker(Wasm.Engine).Instantiate(store, module);
            var run = instance.GetFunction<int, int, int>("run")!;
            start.SignalAndWait();
            results[t] = run(t + 1, rounds);
            bytes[t] = instance.GetMemory("memory")!.ReadByte(4);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        for (int t = 0; t < threads; t++)
        {
            Assert.Equal(unchecked((t + 1) * rounds * 16384), results[t]);
            Assert.Equal((byte)((t + 1) * rounds), bytes[t]);
        }
    }
}
