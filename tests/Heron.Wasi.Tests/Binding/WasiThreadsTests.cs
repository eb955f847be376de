namespace Heron.Wasi.Tests.Binding;

/// <summary>wasi-threads: <c>wasi::thread-spawn</c> runs <c>wasi_thread_start</c> in a new instance on a new thread, sharing the memory.</summary>
public sealed class WasiThreadsTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.Threads });

    // Memory: 0 the counter, 4 threads finished, 8 the sum of the thread ids, 12 what the last spawn returned.
    private const string Imports = """
          (import "env" "memory" (memory 1 1 shared))
          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (export "memory" (memory 0))
        """;

    private const string Workers = """
          (func (export "wasi_thread_start") (param $tid i32) (param $rounds i32)
            (loop $count
              (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
              (br_if $count (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
            (drop (i32.atomic.rmw.add (i32.const 8) (local.get $tid)))
            (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
            (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))
          ;; spawns $threads workers of $rounds each, then sleeps until every one has finished
          (func (export "run") (param $threads i32) (param $rounds i32) (local $n i32) (local $done i32)
            (loop $spawn
              (i32.store (i32.const 12) (call $spawn (local.get $rounds)))
              (if (i32.le_s (i32.load (i32.const 12)) (i32.const 0)) (then (return)))
              (br_if $spawn (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (local.get $threads))))
            (loop $wait
              (local.set $done (i32.atomic.load (i32.const 4)))
              (if (i32.ne (local.get $done) (local.get $threads))
                (then
                  (drop (memory.atomic.wait32 (i32.const 4) (local.get $done) (i64.const -1)))
                  (br $wait)))))
        """;

    private sealed record Program(Instance Instance, WasiThreads Threads, Store Store, WasiContext Context) : IDisposable
    {
        public Memory Memory => Instance.GetMemory("memory")!;

        public void Dispose()
        {
            Store.Dispose();
            Context.Dispose();
        }
    }

    private static Program Start(string body, Action<WasiThreadExit>? exited = null)
    {
        var module = Module.FromText(Engine, "(module " + Imports + body + ")");
        var context = new WasiConfiguration().WithStandardOutput(new MemoryStream()).Build();
        var store = new Store(Engine);
        var linker = new Linker(Engine).DefineWasi(context);
        WasiThreads.DefineSharedMemories(linker, store, module);
        var threads = new WasiThreads(module, linker);
        if (exited != null) threads.Exited += exited;
        threads.Define();
        return new Program(linker.Instantiate(store, module), threads, store, context);
    }

    [Fact]
    public void Spawned_threads_update_the_shared_memory_and_get_distinct_ids()
    {
        using var program = Start(Workers);
        program.Instance.GetAction<int, int>("run")!(4, 20000);
        Assert.Equal(4 * 20000, program.Memory.ReadInt32(0));
        Assert.Equal(4, program.Memory.ReadInt32(4));
        Assert.Equal(1 + 2 + 3 + 4, program.Memory.ReadInt32(8));
    }

    [Fact]
    public void A_thread_that_calls_proc_exit_or_traps_ends_the_program_through_Exited()
    {
        var endings = new System.Collections.Concurrent.BlockingCollection<WasiThreadExit>();
        using var program = Start("""
              (func (export "wasi_thread_start") (param $tid i32) (param $how i32)
                (if (local.get $how) (then unreachable))
                (call $exit (i32.const 7)))
              (func (export "spawn") (param i32) (result i32) (call $spawn (local.get 0)))
            """, endings.Add);
        var spawn = program.Instance.GetFunction<int, int>("spawn")!;
        Assert.True(spawn(0) > 0);
        Assert.True(endings.TryTake(out var exit, TimeSpan.FromMinutes(1)));
        Assert.Equal((7, null), (exit!.ExitCode, exit.Trap));
        var trapping = spawn(1);
        Assert.True(endings.TryTake(out var trap, TimeSpan.FromMinutes(1)));
        Assert.Equal((trapping, WasiThreads.TrapExitCode, TrapCode.Unreachable), (trap!.ThreadId, trap.ExitCode, trap.Trap?.Code));
    }

    [Fact]
    public void Spawn_answers_a_negative_number_when_the_module_has_no_thread_entry()
    {
        using var program = Start("""
              (func (export "spawn") (result i32) (call $spawn (i32.const 0)))
            """);
        Assert.True(program.Instance.GetFunction<int>("spawn")!() < 0);
    }

    [Fact]
    public void Without_the_threads_feature_a_wasi_threads_program_does_not_load()
    {
        Assert.ThrowsAny<WasmException>(() => Module.FromText(new Engine(), "(module " + Imports + Workers + ")"));
    }
}
