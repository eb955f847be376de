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
            if (!child.WaitForExit(TimeSpan.FromSeconds(options.TimeoutSeconds)))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                return Crashed(program, $"timed out after {options.TimeoutSeconds} s");
            }
            if (child.ExitCode == 0 && File.Exists(resultPath)) return JsonReport.Read<ProgramResult>(resultPath);
            var tail = LastLines(stderr.Result + stdout.Result, 3);
            return Crashed(program, $"child process exited with {child.ExitCode} {LastRunStarted(stderr.Result)}{(tail.Length > 0 ? ": " + tail : "")}");
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    /// <summary>Which run was under way when the child died, from the progress lines <see cref="ProgressPrefix"/> marks.</summary>
    private static string LastRunStarted(string childStderr)
    {
        var last = childStderr.Split('\n').LastOrDefault(l => l.StartsWith(ProgressPrefix, StringComparison.Ordinal));
        return last == null ? "before its first run" : $"during {last[ProgressPrefix.Length..].Trim()}";
    }

    /// <summary>The child writes a line with this prefix to stderr as each run starts, so a crash can be laid at the right engine's door.</summary>
    public const string ProgressPrefix = "@@heron-bench ";

    /// <summary>
    /// A dead child leaves no figures, so both engines are marked failed; the reason names the run under way
    /// (rerun with <c>--engines wasmtime</c> to measure Wasmtime alone).
    /// </summary>
    private ProgramResult Crashed(BenchProgram program, string reason) =>
        new(program.Name, program.WasmPath,
            new EngineResult("heron", options.RunHeron ? RunStatus.Failed : RunStatus.Skipped, reason, "nothing", []),
            new EngineResult("wasmtime", options.RunWasmtime ? RunStatus.Failed : RunStatus.Skipped, reason, "nothing", []));

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
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
