using System.Diagnostics;

namespace Heron.Tests.Cli;

/// <summary>
/// <c>heron run</c> gives the program its own standard streams (on Linux and macOS, the descriptors
/// themselves: Heron.Wasi's UnixStandardStream). Standard input is read to its end; output and error
/// written to one file (<c>&gt; file 2&gt;&amp;1</c>) arrive in the order written, as they do through the
/// kernel's shared file offset (a stream keeping an offset of its own would write over the other's bytes).
/// </summary>
public sealed class StandardStreamTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-stdio-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // Reads standard input to its end, writes 'A' + its length and a newline, then "out1", "err1" (to standard
    // error) and "out2", then "out1" 500 times more.
    private const string Program = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 16) "out1\n")
          (data (i32.const 32) "err1\n")
          (data (i32.const 48) "out2\n")
          (func $write (param $fd i32) (param $ptr i32) (param $len i32)
            (i32.store (i32.const 0) (local.get $ptr))
            (i32.store (i32.const 4) (local.get $len))
            (if (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable)))
          (func (export "_start") (local $total i32) (local $n i32) (local $i i32)
            (block $done
              (loop $more
                (i32.store (i32.const 64) (i32.const 4096))
                (i32.store (i32.const 68) (i32.const 60000))
                (br_if $done (call $fd_read (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 72)))
                (local.set $n (i32.load (i32.const 72)))
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $total (i32.add (local.get $total) (local.get $n)))
                (br $more)))
            (i32.store8 (i32.const 80) (i32.add (i32.const 65) (local.get $total)))
            (i32.store8 (i32.const 81) (i32.const 10))
            (call $write (i32.const 1) (i32.const 80) (i32.const 2))
            (call $write (i32.const 1) (i32.const 16) (i32.const 5))
            (call $write (i32.const 2) (i32.const 32) (i32.const 5))
            (call $write (i32.const 1) (i32.const 48) (i32.const 5))
            (loop $again
              (call $write (i32.const 1) (i32.const 16) (i32.const 5))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $again (i32.lt_u (local.get $i) (i32.const 500))))))
        """;

    [Fact]
    public void Input_is_read_to_its_end_and_output_and_error_into_one_file_keep_their_order()
    {
        if (OperatingSystem.IsWindows()) return; // the shell redirections below are POSIX sh
        var program = Path.Combine(folder, "io.wat");
        File.WriteAllText(program, Program);
        var output = Path.Combine(folder, "out.txt");
        var heron = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "heron.dll")}' run '{program}'";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"printf abcdef | {heron} > '{output}' 2>&1");
        using (var shell = Process.Start(start)!)
        {
            Assert.True(shell.WaitForExit(TimeSpan.FromMinutes(2)), "heron run did not finish");
            Assert.Equal(0, shell.ExitCode);
        }
        var lines = File.ReadAllLines(output);
        Assert.Equal(["G", "out1", "err1", "out2"], lines.Take(4));
        Assert.Equal(504, lines.Length);
        Assert.All(lines.Skip(4), line => Assert.Equal("out1", line));
    }

    [Fact]
    public void Output_through_pipes_is_complete()
    {
        var program = Path.Combine(folder, "io.wat");
        File.WriteAllText(program, Program);
        var result = HeronProcess.Run(folder, "run", program);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("A", lines[0]); // standard input closed at once: nothing read
        Assert.Equal(503, lines.Length);
        Assert.Equal("err1\n", result.Error);
    }
}
