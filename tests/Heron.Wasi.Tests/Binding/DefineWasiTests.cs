using System.Text;

namespace Heron.Wasi.Tests.Binding;

/// <summary>WASI through the public runtime API: small text-format guests calling the imports.</summary>
public sealed class DefineWasiTests
{
    private static (int ExitCode, string Stdout) Run(string wat, Action<WasiConfiguration>? configure = null)
    {
        var stdout = new MemoryStream();
        var configuration = new WasiConfiguration().WithStandardOutput(stdout);
        configure?.Invoke(configuration);
        using var context = configuration.Build();
        var engine = new Engine();
        var module = Module.FromText(engine, wat);
        using var store = new Store(engine);
        int code = WasiCommand.Run(new Linker(engine), store, module, context);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void HelloWorldWritesThroughFdWrite()
    {
        var (code, stdout) = Run("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 6))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        Assert.Equal(0, code);
        Assert.Equal("hello\n", stdout);
    }

    [Fact]
    public void ProcExitGivesTheExitCode()
    {
        var (code, _) = Run("""
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 33)) unreachable))
            """);
        Assert.Equal(33, code);
    }

    [Fact]
    public void ErrnoComesBackToTheGuest()
    {
        // fd_write on fd 99 returns badf (8); the guest exits with the errno it got.
        var (code, _) = Run("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (call $fd_write (i32.const 99) (i32.const 0) (i32.const 0) (i32.const 8)))))
            """);
        Assert.Equal(8, code);
    }

    [Fact]
    public void ArgsSizesReachTheGuestAsI32Results()
    {
        var (code, _) = Run("""
            (module
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (drop (call $sizes (i32.const 0) (i32.const 4)))
                (call $exit (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 100)) (i32.load (i32.const 4))))))
            """, c => c.WithArguments("prog", "ab"));
        Assert.Equal(2 * 100 + 8, code);
    }

    [Fact]
    public void AGuestCannotOpenAPathAboveItsPreopen()
    {
        // path_open(3, follow, "../secret", creat) must fail with perm (63) and create nothing outside.
        string root = Directory.CreateTempSubdirectory("heron-wasi-binding-").FullName;
        string sandbox = Directory.CreateDirectory(Path.Combine(root, "sandbox")).FullName;
        try
        {
            var (code, _) = Run("""
                (module
                  (import "wasi_snapshot_preview1" "path_open"
                    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 32) "../secret")
                  (func (export "_start")
                    (call $exit (call $open (i32.const 3) (i32.const 1) (i32.const 32) (i32.const 9)
                      (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 0)))))
                """, c => c.PreopenDirectory(sandbox, "/"));
            Assert.Equal(63, code);
            Assert.False(File.Exists(Path.Combine(root, "secret")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
