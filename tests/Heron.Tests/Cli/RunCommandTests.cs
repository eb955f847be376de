namespace Heron.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-run-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Runs_the_hello_example_in_the_text_format()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "examples/hello.wat");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello from Heron!\n", result.Output);
    }

    [Fact]
    public void Passes_arguments_after_the_file_to_the_guest_even_when_they_look_like_options()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "examples/hello-c.wasm", "--dir", "-x");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello from C on Heron!\nargument 1: --dir\nargument 2: -x\n", result.Output);
    }

    [Fact]
    public void Runs_webassembly_3_by_default_as_wasmtime_does()
    {
        // A tail call deeper than any stack, a 64-bit memory and an exception caught by try_table.
        var file = Write("three.wat", """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory i64 1)
              (tag $t (param i32))
              (func $down (param $n i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 5))
                  (else (return_call $down (i64.sub (local.get $n) (i64.const 1))))))
              (func (export "_start")
                (i64.store (i64.const 8) (call $down (i64.const 1000000)))
                (block $caught (result i32)
                  (try_table (catch $t $caught) (throw $t (i32.wrap_i64 (i64.load (i64.const 8)))))
                  (i32.const 0))
                (call $exit)))
            """);
        Assert.Equal(5, HeronProcess.Run(folder, "run", file).ExitCode);
    }

    [Fact]
    public void The_exit_code_is_the_guest_proc_exit_code()
    {
        var file = Write("exit.wat", """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 7))))
            """);
        Assert.Equal(7, HeronProcess.Run(folder, "run", file).ExitCode);
    }

    [Fact]
    public void A_trap_prints_its_message_and_backtrace_and_exits_with_134()
    {
        var file = Write("trap.wat", """
            (module
              (memory (export "memory") 1)
              (func $inner (unreachable))
              (func (export "_start") (call $inner)))
            """);
        var result = HeronProcess.Run(folder, "run", file);
        Assert.Equal(134, result.ExitCode);
        Assert.Contains("unreachable", result.Error);
        Assert.Contains("inner", result.Error);
    }

    [Fact]
    public void A_missing_import_is_a_link_error_with_exit_code_1()
    {
        var file = Write("import.wat", """(module (import "bench" "start" (func)) (func (export "_start")))""");
        var result = HeronProcess.Run(folder, "run", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bench", result.Error);
    }

    [Fact]
    public void Unknown_imports_default_returns_zeros_and_unknown_imports_trap_traps()
    {
        var file = Write("unknown.wat", """
            (module
              (import "env" "answer" (func $answer (result i32)))
              (func (export "get") (result i32) (call $answer)))
            """);
        var defaulted = HeronProcess.Run(folder, "run", "-W", "unknown-imports-default=y", "--invoke", "get", file);
        Assert.Equal(0, defaulted.ExitCode);
        Assert.Equal("0\n", defaulted.Output);
        var trapped = HeronProcess.Run(folder, "run", "-W", "unknown-imports-trap=y", "--invoke", "get", file);
        Assert.Equal(134, trapped.ExitCode);
        Assert.Contains("env::answer", trapped.Error);
    }

    [Fact]
    public void Invoke_parses_arguments_by_parameter_type_and_prints_results()
    {
        var file = Write("add.wat", """
            (module (func (export "add") (param i32 i64 f64) (result i64 f64)
              (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)) (local.get 2)))
            """);
        var result = HeronProcess.Run(folder, "run", "--invoke", "add", file, "-5", "12", "2.5");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("7\n2.5\n", result.Output);
    }

    [Fact]
    public void Dir_preopens_a_folder_under_a_guest_name()
    {
        File.WriteAllText(Path.Combine(folder, "data.txt"), "from the host");
        var file = Write("cat.wat", """
            (module
              (import "wasi_snapshot_preview1" "path_open"
                (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "data.txt")
              (func (export "_start")
                ;; fd 3 is the first preopen; open data.txt in it, the new fd goes to offset 0.
                (if (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 8) (i32.const 0)
                                (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 0))
                  (then unreachable))
                ;; iovec at 16: buffer 200, length 64; read, then write what was read to stdout.
                (i32.store (i32.const 16) (i32.const 200))
                (i32.store (i32.const 20) (i32.const 64))
                (drop (call $read (i32.load (i32.const 0)) (i32.const 16) (i32.const 1) (i32.const 24)))
                (i32.store (i32.const 20) (i32.load (i32.const 24)))
                (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
            """);
        var result = HeronProcess.Run(folder, "run", "--dir", ".::/sandbox", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from the host", result.Output);
    }

    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5", 1500)]
    [InlineData("1m", 60000)]
    public void Durations_use_wasmtime_spelling(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Heron.Cli.RunOptionsParser.ParseDuration(text));
    }

    [Fact]
    public void Options_before_the_file_are_heron_s_and_after_it_the_guest_s()
    {
        var (options, error) = Heron.Cli.RunOptionsParser.Parse(
            ["--dir", "a::b", "--env=X=1", "--env", "HOME", "-Wunknown-imports-default=y", "prog.wasm", "--dir", "c"]);
        Assert.Null(error);
        Assert.Equal("prog.wasm", options!.File);
        Assert.Equal([("a", "b")], options.Directories);
        Assert.Equal([("X", (string?)"1"), ("HOME", null)], options.Environment);
        Assert.True(options.UnknownImportsDefault);
        Assert.Equal(["--dir", "c"], options.Arguments);
    }
}
