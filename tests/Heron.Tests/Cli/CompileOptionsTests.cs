namespace Heron.Tests.Cli;

/// <summary><c>heron run -C compile=...</c>, <c>-C tiered</c>, the refusal of a module without the entry it needs, and <c>HERON_JIT_STATS</c>.</summary>
public sealed class CompileOptionsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-compile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("compile=ahead")]
    [InlineData("compile=lazy")]
    [InlineData("compile=auto")]
    [InlineData("tiered=y")]
    [InlineData("tiered=n")]
    public void Every_compile_option_runs_the_hello_example(string option)
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-C", option, "examples/hello-c.wasm", "x");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello from C on Heron!\nargument 1: x\n", result.Output);
    }

    [Fact]
    public void An_unknown_compile_value_is_a_usage_error()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-Ccompile=eager", "examples/hello.wat");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-C compile: expected auto, ahead or lazy, got eager", result.Error);
    }

    [Fact]
    public void A_module_without_start_or_the_invoked_export_is_refused_with_the_reason()
    {
        var path = Path.Combine(folder, "reactor.wat");
        File.WriteAllText(path, "(module (func (export \"_initialize\")) (memory (export \"go\") 1))");
        var noStart = HeronProcess.Run(folder, "run", "-C", "compile=ahead", "reactor.wat");
        Assert.Equal(1, noStart.ExitCode);
        Assert.Contains("reactor.wat exports no _start function (use --invoke NAME to call an export)", noStart.Error);
        var notAFunction = HeronProcess.Run(folder, "run", "--invoke", "go", "reactor.wat");
        Assert.Equal(1, notAFunction.ExitCode);
        Assert.Contains("reactor.wat exports no function named \"go\"", notAFunction.Error);
    }

    [Fact]
    public async Task HERON_JIT_STATS_reports_the_jit_on_stderr_at_exit()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HeronProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "heron.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("examples/hello.wat");
        start.Environment["HERON_JIT_STATS"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        await process.WaitForExitAsync();
        Assert.Equal("Hello from Heron!\n", output);
        Assert.Matches(@"^heron: jit: \d+ methods, \d+ IL bytes, [\d.]+ ms\n$", await error);
    }
}
