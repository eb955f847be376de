using System.Collections.Concurrent;
using Heron.Components.Wast;
using Heron.Wast;
using Xunit.Abstractions;

namespace Heron.Components.Tests.Wast;

/// <summary>
/// Runs the component model's reference scripts (outside <c>async/</c> and the scripts of its
/// <c>nyi.txt</c>) and Wasmtime's component scripts (outside <c>async/</c>) with the component runner,
/// printing the counts per script and per folder. Every script passes completely (0 failed, 0 skipped)
/// except those in <c>known-failing-components.txt</c>: an "out of scope" line must be a script some of whose
/// commands the runner reports as skipped for a feature Heron lacks (its other commands must pass), a "failing" line one that fails; the list may only shrink.
/// </summary>
public sealed class ComponentScriptSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void Component_scripts_pass_less_the_known_failing_list()
    {
        var shared = SharedData.Require("component-model-tests");
        var root = Path.GetDirectoryName(shared)!;
        var scripts = Scripts(root);
        var listed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Wast", "known-failing-components.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.Ordinal);
        var results = new ConcurrentBag<(string Relative, WastScriptResult Result)>();
        Parallel.ForEach(scripts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, relative =>
            results.Add((relative, new ComponentWastRunner().RunFile(Path.Combine(root, relative)))));
        var ordered = results.OrderBy(r => r.Relative, StringComparer.Ordinal).ToList();
        foreach (var (relative, result) in ordered)
            output.WriteLine($"{relative}: {result.Passed} passed, {result.Failed} failed" + (result.Skipped > 0 ? $", {result.Skipped} commands out of scope ({OutOfScopeNeeds(result)})" : ""));
        foreach (var folder in ordered.GroupBy(r => r.Relative[..r.Relative.IndexOf('/')]))
            output.WriteLine($"{folder.Key}: {folder.Sum(r => r.Result.Passed)} passed, {folder.Sum(r => r.Result.Failed)} failed; " +
                             $"{folder.Count(r => r.Result.Failed == 0 && r.Result.Skipped == 0)} of {folder.Count()} scripts pass completely, " +
                             $"{folder.Count(r => r.Result.Skipped > 0)} with commands out of scope, {folder.Sum(r => r.Result.Skipped)} commands in all");

        var problems = new List<string>();
        foreach (var (relative, result) in ordered)
        {
            var reason = listed.GetValueOrDefault(relative);
            var outOfScope = result.Skipped > 0;
            if (reason == null && (outOfScope || result.Failed > 0))
                problems.Add($"{relative}: {result.Failed} failed, {result.Skipped} skipped; first: " + string.Join(" | ", result.Failures.Take(3).Select(f => f.ToString()).Concat(result.SkippedCommands)));
            else if (reason != null && reason.StartsWith("out of scope", StringComparison.Ordinal) && !outOfScope)
                problems.Add($"{relative} is listed as out of scope, but the runner ran it ({result.Passed} passed, {result.Failed} failed): update known-failing-components.txt");
            else if (reason != null && reason.StartsWith("failing", StringComparison.Ordinal) && (outOfScope || result.Failed == 0))
                problems.Add($"{relative} is listed as failing, but it " + (outOfScope ? "is out of scope" : "passes completely now") + ": update known-failing-components.txt");
        }
        problems.AddRange(listed.Keys.Where(k => !scripts.Contains(k)).Select(k => $"{k} is listed but is not a script of the set"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>What the out-of-scope commands of a script need, each named once.</summary>
    private static string OutOfScopeNeeds(WastScriptResult result) =>
        string.Join("; ", result.SkippedCommands
            .Select(reason => reason.IndexOf(" needs ", StringComparison.Ordinal) is var at and >= 0 ? reason[(at + 7)..] : reason)
            .Distinct(StringComparer.Ordinal));

    /// <summary>The scripts of the bar, relative to the shared folder, with '/' separators.</summary>
    private static List<string> Scripts(string root)
    {
        var reference = Path.Combine(root, "component-model-tests");
        var notYetImplemented = File.ReadAllLines(Path.Combine(reference, "nyi.txt"))
            .Select(l => l.Trim()).Where(l => l.StartsWith("./", StringComparison.Ordinal))
            .Select(l => "component-model-tests/" + l[2..]).ToHashSet(StringComparer.Ordinal);
        return new[] { "component-model-tests", "wasmtime-misc-testsuite/component-model" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.wast", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Contains("async") && !notYetImplemented.Contains(f))
            .Order(StringComparer.Ordinal).ToList();
    }
}
