using System.Collections.Concurrent;
using Heron.Wast;
using Xunit.Abstractions;

namespace Heron.Tests.Spec;

/// <summary>
/// A set of scripts that must pass completely, less a list of scripts known to fail (a text file beside
/// this class, one relative path a line). The list may only shrink: a listed script that now passes
/// completely fails the test until its line is removed, so progress is recorded as it is made.
/// </summary>
internal sealed class ScriptBar(string title, string folder, IReadOnlyList<string> scripts, string knownFailingFile, Func<string, WasmFeatures> featuresFor)
{
    public void Check(ITestOutputHelper output)
    {
        var known = KnownFailing(knownFailingFile);
        var results = new ConcurrentBag<(string Relative, WastScriptResult Result)>();
        Parallel.ForEach(scripts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, relative =>
        {
            var runner = new WastRunner(featuresFor(relative));
            results.Add((relative, runner.RunFile(Path.Combine(folder, relative))));
        });
        var ordered = results.OrderBy(r => r.Relative, StringComparer.Ordinal).ToList();
        output.WriteLine($"== {title}");
        foreach (var (relative, result) in ordered)
            output.WriteLine($"{relative}: {result.Passed} passed, {result.Failed} failed" +
                             (result.Skipped > 0 ? $", {result.Skipped} skipped" : "") + (known.Contains(relative) ? " (known failing)" : ""));
        output.WriteLine($"{title}: {ordered.Sum(r => r.Result.Passed)} passed, {ordered.Sum(r => r.Result.Failed)} failed, " +
                         $"{ordered.Sum(r => r.Result.Skipped)} skipped; {known.Count} scripts listed as known failing");

        var problems = new List<string>();
        foreach (var (relative, result) in ordered)
        {
            var complete = result.Failed == 0 && result.Skipped == 0;
            if (complete && known.Contains(relative))
                problems.Add($"{relative} passes completely now: remove it from {Path.GetFileName(knownFailingFile)}");
            else if (!complete && !known.Contains(relative))
                problems.Add($"{relative}: {result.Failed} failed, {result.Skipped} skipped; first: " +
                             string.Join(" | ", result.Failures.Take(3).Select(f => f.ToString()).Concat(result.SkippedCommands.Take(2))));
        }
        foreach (var stale in known.Where(k => !scripts.Contains(k)))
            problems.Add($"{stale} is listed in {Path.GetFileName(knownFailingFile)} but is not a script of the set");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The relative paths listed in <paramref name="file"/> (blank lines and # comments ignored).</summary>
    private static HashSet<string> KnownFailing(string file) =>
        File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

    /// <summary>The known-failing list's path in the test source tree (copied beside the test assembly).</summary>
    public static string ListFile(string name) => Path.Combine(AppContext.BaseDirectory, "Spec", name);

    /// <summary>Every .wast below <paramref name="folder"/>, as relative paths with '/' separators, sorted.</summary>
    public static List<string> ScriptsBelow(string folder, string relativeFolder = "") =>
        Directory.Exists(Path.Combine(folder, relativeFolder))
            ? Directory.EnumerateFiles(Path.Combine(folder, relativeFolder), "*.wast", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal).ToList()
            : [];
}
