namespace Heron.Tests.Cli;

/// <summary>
/// The GC benchmark programs (bench/Heron.Bench/Gc) print exactly their expected output when heron runs them, as
/// the benchmark requires of both engines: the expectations are computed independently, so this checks Heron's
/// structs, arrays and casts on real workloads as well as the programs themselves.
/// </summary>
public sealed class GcBenchmarkProgramTests
{
    [Theory]
    [InlineData("gc-binary-trees")]
    [InlineData("gc-casts")]
    [InlineData("gc-hash-map")]
    public void A_gc_benchmark_program_prints_its_expected_output(string name)
    {
        var folder = Path.Combine(HeronProcess.RepositoryRoot, "bench", "Heron.Bench", "Gc");
        var result = HeronProcess.Run(folder, "run", "-W", "unknown-imports-default=y", name + ".wat");
        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, name + ".stdout.expected")), result.Output);
    }
}
