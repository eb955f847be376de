using System.Diagnostics;

namespace Heron.Tests.Cli;

/// <summary>
/// examples/aot-host, published with NativeAOT (a minute or two: the longest test), runs hello-c.wasm
/// precompiled at build time and prints what <c>heron run examples/hello-c.wasm</c> prints.
/// </summary>
public sealed class AotHostTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("heron-aot-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void The_published_native_executable_prints_what_heron_run_prints()
    {
        var examples = Path.Combine(HeronProcess.RepositoryRoot, "examples");
        var publish = Run("dotnet", HeronProcess.RepositoryRoot, "publish", "examples/aot-host", "-c", "Release", "-o", output);
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        var native = Run(Path.Combine(output, "aot-host"), examples, "one", "two words");
        var expected = HeronProcess.Run(examples, "run", "hello-c.wasm", "one", "two words");
        Assert.Equal(0, native.ExitCode);
        Assert.Equal(expected.Output, native.Output);
        Assert.Equal("Hello from C on Heron!\nargument 1: one\nargument 2: two words\n", native.Output);
    }

    private static HeronProcess.Result Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{program} {string.Join(' ', args)} did not finish within 10 minutes");
        }
        return new HeronProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
