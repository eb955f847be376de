namespace Heron.Tests.Cli;

/// <summary><c>heron run</c> of components from ../shared/component-fixtures: WASI 0.2 commands.</summary>
public sealed class ComponentRunTests
{
    private static string Fixture(string name)
    {
        var root = SharedData.Root ?? throw new Xunit.Sdk.XunitException(
            "The shared test data was not found: set HERON_SHARED or place 'shared/component-fixtures' beside the repository.");
        return Path.Combine(root, "component-fixtures", name);
    }

    [Fact]
    public void Runs_a_rust_command_component_writing_to_stdout_and_stderr()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", Fixture("hello_stdout.component.wasm"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("writing to stdout: hello, world\n", result.Output);
        Assert.Equal("writing to stderr: hello, world\n", result.Error);
    }

    [Fact]
    public void A_pollable_on_stdout_does_not_hang()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", Fixture("stdout-pollable-hang.component.wasm"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Non_ascii_arguments_reach_a_composed_component_through_the_adapter_and_both_string_encodings()
    {
        // The adapter's import allocator refuses a growing reallocation, which a host string taken as UTF-16 would need.
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", Fixture("utf8-utf16.composed.wasm"), "asdf中文🀄️⏰");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ret: asdf中文🀄️⏰asdf中文🀄️⏰\n", result.Output);
    }

    [Fact]
    public void Invoke_is_refused_for_a_component()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "--invoke", "run", Fixture("hello_stdout.component.wasm"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a component", result.Error);
    }

    [Fact]
    public void Network_options_are_wasmtime_spellings()
    {
        var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-S", "inherit-network", "-S", "allow-ip-name-lookup=y",
            "-S", "tcp=n", "-S", "udp=n", Fixture("hello_stdout.component.wasm"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-S", "network", Fixture("hello_stdout.component.wasm")).ExitCode);
    }
}
