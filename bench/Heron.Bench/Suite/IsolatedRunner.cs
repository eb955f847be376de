using System.Diagnostics;
using Heron.Bench.Reporting;

namespace Heron.Bench.Suite;

/// <summary>
/// Measures a program in a child process of this same program (<c>--child</c>), so a crash the harness
/// cannot catch (a stack overflow, an access violation in generated code) or a hang loses that program only.
/// </summary>
internal sealed class IsolatedRunner(BenchOptions options)
{
    public ProgramResult Run(BenchProgram program)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"heron-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            var start = SelfInvocation();
            foreach (var arg in options.ChildArguments(program.WasmPath, resultPath)) start.ArgumentList.Add(arg);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
            // Read both pipes as they fill, or a chatty child blocks on a full pipe.
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            var timedOut = !child.WaitForExit(TimeSpan.FromSeconds(options.TimeoutSeconds));
            if (timedOut)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }
            else if (child.ExitCode == 0 && File.Exists(resultPath))
            {
                return JsonReport.Read<ProgramResult>(resultPath);
            }
            var culprit = LastRunStarted(stderr.Result);
            var what = timedOut ? $"timed out after {options.TimeoutSeconds} s" : $"child process exited with {child.ExitCode}";
            var tail = timedOut ? "" : LastLines(stderr.Result + stdout.Result, 3);
            return Lost(program, culprit, $"{what} {culprit?.Describe() ?? "before its first run"}{(tail.Length > 0 ? ": " + tail : "")}");
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    /// <summary>Which engine's run was under way when the child died, from the progress lines <see cref="ProgressPrefix"/> marks.</summary>
    private static RunInProgress? LastRunStarted(string childStderr)
    {
        var last = childStderr.Split('\n').LastOrDefault(l => l.StartsWith(ProgressPrefix, StringComparison.Ordinal));
        if (last == null) return null;
        var parts = last[ProgressPrefix.Length..].Trim().Split(' ');
        return parts.Length == 2 && int.TryParse(parts[1], out var run) ? new RunInProgress(parts[0], run) : null;
    }

    /// <summary>Writes the progress line the parent reads back with <see cref="LastRunStarted"/>.</summary>
    public static void ReportProgress(string engine, int run) => Console.Error.WriteLine($"{ProgressPrefix}{engine} {run}");

    private const string ProgressPrefix = "@@heron-bench ";

    /// <summary>
    /// A dead child leaves no figures. The engine whose run was under way failed; the other engine's runs
    /// are lost with the child and marked skipped (rerun with <c>--engines</c> to measure it alone). When the
    /// child died before any run, neither can be blamed, and both are marked failed.
    /// </summary>
    private ProgramResult Lost(BenchProgram program, RunInProgress? culprit, string reason)
    {
        EngineResult For(string engine, bool selected) =>
            !selected ? new EngineResult(engine, RunStatus.Skipped, "not selected", "nothing", [])
            : culprit == null || culprit.Engine == engine ? new EngineResult(engine, RunStatus.Failed, reason, "nothing", [])
            : new EngineResult(engine, RunStatus.Skipped, $"lost with the child process ({reason})", "nothing", []);
        return new ProgramResult(program.Name, program.WasmPath, For("heron", options.RunHeron), For("wasmtime", options.RunWasmtime));
    }

    private sealed record RunInProgress(string Engine, int Run)
    {
        public string Describe() => $"during {Engine} run {Run + 1}";
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static ProcessStartInfo SelfInvocation()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(IsolatedRunner).Assembly.Location);
        return start;
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith(ProgressPrefix.Trim(), StringComparison.Ordinal)).TakeLast(count));
}
