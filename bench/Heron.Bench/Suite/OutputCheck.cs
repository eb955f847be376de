using System.Text;

namespace Heron.Bench.Suite;

/// <summary>
/// Decides whether a run produced the right answer, so a fast wrong answer never counts: exit code 0,
/// <c>bench.start</c> and <c>bench.end</c> called once each, and stdout and stderr equal to the shipped
/// expectation, or, where the benchmark set ships none, to the reference engine's output.
/// </summary>
internal static class OutputCheck
{
    /// <summary>Null when the run is right, else why not.</summary>
    public static string? Problem(RunOutcome run, byte[]? expectedStdout, byte[]? expectedStderr)
    {
        if (run.Sample.ExitCode is int code && code != 0) return $"exit code {code}";
        if (run.MarkerProblem != null) return run.MarkerProblem;
        if (expectedStdout != null && Difference(expectedStdout, run.Stdout) is string stdout) return "stdout " + stdout;
        if (expectedStderr != null && Difference(expectedStderr, run.Stderr) is string stderr) return "stderr " + stderr;
        return null;
    }

    /// <summary>Null when equal, else where the first difference is and what stands there on each side.</summary>
    public static string? Difference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        var common = expected.CommonPrefixLength(actual);
        if (common == expected.Length && common == actual.Length) return null;
        return $"differs at byte {common} of {expected.Length}: expected \"{Excerpt(expected, common)}\", got \"{Excerpt(actual, common)}\"";
    }

    private static string Excerpt(ReadOnlySpan<byte> bytes, int at)
    {
        if (at >= bytes.Length) return "<end>";
        var text = Encoding.UTF8.GetString(bytes.Slice(at, Math.Min(24, bytes.Length - at)));
        return text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\"", "\\\"");
    }
}
