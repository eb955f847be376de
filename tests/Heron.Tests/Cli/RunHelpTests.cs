using Heron.Cli;

namespace Heron.Tests.Cli;

/// <summary><c>heron run --help</c> explains every option the parser accepts.</summary>
public sealed class RunHelpTests
{
    [Theory]
    [InlineData("--dir HOST[::GUEST]")]
    [InlineData("--env NAME[=VALUE]")]
    [InlineData("--invoke NAME")]
    [InlineData("-W OPTION=VALUE")]
    [InlineData("fuel=N")]
    [InlineData("timeout=DURATION")]
    [InlineData("max-memory-size=BYTES")]
    [InlineData("unknown-imports-trap=y")]
    [InlineData("unknown-imports-default=y")]
    [InlineData("-C OPTION=VALUE")]
    [InlineData("compile=auto|ahead|lazy")]
    [InlineData("tiered=y|n")]
    public void EveryOptionHasALineThatExplainsIt(string option)
    {
        var line = RunOptionsParser.Usage.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.StartsWith(option, StringComparison.Ordinal));
        Assert.NotNull(line);
        // The option, then words saying what it does.
        Assert.True(line![option.Length..].Trim().Split(' ').Length >= 3, $"'{option}' is listed without an explanation");
    }

    [Fact]
    public void HelpIsPrintedOnRequestWithSuccess()
    {
        var output = new StringWriter();
        Assert.Equal(0, RunCommand.Run(["--help"], output, new StringWriter()));
        Assert.StartsWith("usage: heron run [OPTIONS] FILE [ARGS...]", output.ToString());
    }
}
