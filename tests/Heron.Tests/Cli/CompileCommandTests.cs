using System.Text.Json.Nodes;

namespace Heron.Tests.Cli;

/// <summary><c>heron compile</c> and <c>heron run --allow-precompiled</c>, as a user runs them.</summary>
public sealed class CompileCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-compile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Compile(params string[] options)
    {
        var output = Path.Combine(folder, "hello-c.cwasm");
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, ["compile", .. options, "examples/hello-c.wasm", "-o", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        return output;
    }

    [Fact]
    public void A_precompiled_module_runs_with_allow_precompiled_and_prints_what_the_module_prints()
    {
        var output = Compile();
        var plain = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "examples/hello-c.wasm", "x");
        var precompiled = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "--allow-precompiled", output, "x");
        Assert.Equal(0, precompiled.ExitCode);
        Assert.Equal(plain.Output.Replace("hello-c.wasm", "hello-c.cwasm"), precompiled.Output);
    }

    [Fact]
    public void The_output_carries_ReadyToRun_code_when_crossgen2_is_there_and_says_so_when_not()
    {
        var output = Compile();
        using (var stream = File.OpenRead(output))
        {
            var native = Heron.Precompiled.PrecompiledImage.IsReadyToRun(stream);
            Assert.True(native || HeronProcess.Run(HeronProcess.RepositoryRoot, "compile", "examples/hello-c.wasm", "-o", output).Error.Contains("CIL only"));
        }
        var missing = RunWithCrossgen2(Path.Combine(folder, "no-such-crossgen2"), "compile", "examples/hello-c.wasm", "-o", output);
        Assert.Equal(0, missing.ExitCode);
        Assert.Contains("CIL only", missing.Error);
        using (var stream = File.OpenRead(output)) Assert.False(Heron.Precompiled.PrecompiledImage.IsReadyToRun(stream));
        Assert.Equal(0, HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "--allow-precompiled", output).ExitCode);
    }

    [Fact]
    public void Without_allow_precompiled_a_precompiled_module_is_refused()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", Compile());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--allow-precompiled", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_run_with_other_code_changing_settings_is_refused()
    {
        var output = Compile();
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-W", "fuel=100000", "--allow-precompiled", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fuel", result.Error);
        var withFuel = Compile("-W", "fuel=1");
        Assert.Equal(0, HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-W", "fuel=100000", "--allow-precompiled", withFuel).ExitCode);
    }

    [Fact]
    public void Allow_precompiled_still_runs_a_plain_module()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "--allow-precompiled", "examples/hello.wat");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello from Heron!\n", result.Output);
    }

    [Fact]
    public void Where_dynamic_code_is_unsupported_compiling_fails_with_a_clear_error()
    {
        // The runtime's own switch for "no dynamic code", as a NativeAOT app has it, in heron's runtimeconfig.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "heron.runtimeconfig.json")))!;
        var options = config["runtimeOptions"]!.AsObject();
        options["configProperties"] ??= new JsonObject();
        options["configProperties"]!["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"] = false;
        var runtimeConfig = Path.Combine(folder, "nojit.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, config.ToJsonString());
        var result = HeronProcess.RunWith(HeronProcess.RepositoryRoot,
            start =>
            {
                foreach (var arg in new[] { runtimeConfig, "--runtimeconfig", "exec" }) start.ArgumentList.Insert(0, arg);
            }, "run", "examples/hello.wat");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot compile WebAssembly: it has no JIT", result.Error);
    }

    private static HeronProcess.Result RunWithCrossgen2(string crossgen2, params string[] args) =>
        HeronProcess.RunWith(HeronProcess.RepositoryRoot, start => start.Environment["HERON_CROSSGEN2"] = crossgen2, args);
}
