namespace Heron.Tests.Cli;

/// <summary><c>heron run -W threads=y -S threads=y</c>: wasi-threads programs, as Wasmtime spells the options.</summary>
public sealed class ThreadsRunTests
{
    private static string Folder => Directory.CreateTempSubdirectory("heron-threads-").FullName;

    [Fact]
    public void The_threads_example_counts_exactly_under_contention()
    {
        // Four workers each add 100000 times to an atomic counter and, under a wait/notify lock, to a plain total.
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-W", "threads=y", "-S", "threads=y", "examples/threads/counter.wasm");
        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("workers=4 counter=400000 total=1000000\n", result.Output);
    }

    [Fact]
    public void Without_the_options_the_example_is_refused()
    {
        var noThreads = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "examples/threads/counter.wasm");
        Assert.Equal(1, noThreads.ExitCode);
        var noWasiThreads = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-W", "threads=y", "examples/threads/counter.wasm");
        Assert.Equal(1, noWasiThreads.ExitCode);
        Assert.Contains("thread-spawn", noWasiThreads.Error);
        var wasiOnly = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-S", "threads=y", "examples/threads/counter.wasm");
        Assert.Equal(2, wasiOnly.ExitCode);
        Assert.Contains("-W threads=y", wasiOnly.Error);
    }

    [Fact]
    public void A_spawned_thread_exiting_or_trapping_ends_the_whole_program()
    {
        // The main thread sleeps forever after the spawn: only the worker's exit or trap can end the run.
        const string program = """
            (module
              (import "env" "memory" (memory 1 1 shared))
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (export "memory" (memory 0))
              (func (export "wasi_thread_start") (param $tid i32) (param $trap i32)
                (if (local.get $trap) (then unreachable))
                (call $exit (i32.const 42)))
              (func (export "_start")
                (drop (call $spawn (i32.const MODE)))
                (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
            """;
        var folder = Folder;
        File.WriteAllText(Path.Combine(folder, "exit.wat"), program.Replace("MODE", "0"));
        File.WriteAllText(Path.Combine(folder, "trap.wat"), program.Replace("MODE", "1"));
        Assert.Equal(42, HeronProcess.Run(folder, "run", "-W", "threads=y", "-S", "threads=y", "exit.wat").ExitCode);
        var trapped = HeronProcess.Run(folder, "run", "-W", "threads=y", "-S", "threads=y", "trap.wat");
        Assert.Equal(134, trapped.ExitCode);
        Assert.Contains("wasm trap: unreachable", trapped.Error);
    }
}
