using System.Text;
using System.Text.RegularExpressions;

namespace Heron.Bench.Suite;

/// <summary>
/// Decides whether a run produced the right answer, so a fast wrong answer never counts: exit code 0,
/// <c>bench.start</c> and <c>bench.end</c> called once each, and stdout and stderr equal to the shipped
/// expectation, or, where the benchmark set ships none, to the reference engine's output.
/// </summary>
internal static partial class OutputCheck
{
    /// <summary>
    /// Null when the run is right, else why not. With <paramref name="maskTimings"/> (used when the
    /// expectation is another engine's output, not a shipped file) durations the program prints, such as
    /// hashset's "That took 0.011 seconds.", are masked on both sides before comparing.
    /// </summary>
    public static string? Problem(RunOutcome run, byte[]? expectedStdout, byte[]? expectedStderr, bool maskTimings = false)
    {
        if (run.Sample.ExitCode is int code && code != 0) return $"exit code {code}";
        if (run.MarkerProblem != null) return run.MarkerProblem;
        Func<byte[], byte[]> prepare = maskTimings ? MaskTimings : bytes => bytes;
        if (expectedStdout != null && Difference(prepare(expectedStdout), prepare(run.Stdout)) is string stdout) return "stdout " + stdout;
        if (expectedStderr != null && Difference(prepare(expectedStderr), prepare(run.Stderr)) is string stderr) return "stderr " + stderr;
        return null;
    }

    /// <summary>Replaces each number followed by a unit of time (<c>0.5 seconds</c>, <c>12ms</c>) with <c>#</c>.</summary>
    public static byte[] MaskTimings(byte[] output) =>
        Encoding.UTF8.GetBytes(Duration().Replace(Encoding.UTF8.GetString(output), "#"));

    [GeneratedRegex(@"\d+(\.\d+)?(e[-+]?\d+)?(?=\s*(seconds?|secs?|s|milliseconds?|ms|microseconds?|us|µs|nanoseconds?|ns)\b)")]
    private static partial Regex Duration();

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
