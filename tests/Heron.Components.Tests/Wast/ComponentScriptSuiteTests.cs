using System.Collections.Concurrent;
using Heron.Components.Wast;
using Heron.Wast;
using Xunit.Abstractions;

namespace Heron.Components.Tests.Wast;

/// <summary>
/// Runs the component model's reference scripts (outside <c>async/</c> and the scripts of its
/// <c>nyi.txt</c>) and Wasmtime's component scripts (outside <c>async/</c>) with the component runner,
/// printing the counts per script. Every script passes completely except those in
/// <c>known-failing-components.txt</c>, which may only shrink: a listed script that passes fails the test.
/// </summary>
public sealed class ComponentScriptSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void Component_scripts_pass_less_the_known_failing_list()
    {
        var shared = SharedData.Require("component-model-tests");
        var root = Path.GetDirectoryName(shared)!;
        var scripts = Scripts(root);
        var known = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Wast", "known-failing-components.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var results = new ConcurrentBag<(string Relative, WastScriptResult Result)>();
        Parallel.ForEach(scripts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, relative =>
            results.Add((relative, new ComponentWastRunner().RunFile(Path.Combine(root, relative)))));
        var ordered = results.OrderBy(r => r.Relative, StringComparer.Ordinal).ToList();
        foreach (var (relative, result) in ordered)
            output.WriteLine($"{relative}: {result.Passed} passed, {result.Failed} failed" + (known.Contains(relative) ? " (known failing)" : ""));
        output.WriteLine($"component scripts: {ordered.Sum(r => r.Result.Passed)} passed, {ordered.Sum(r => r.Result.Failed)} failed; " +
                         $"{ordered.Count(r => r.Result.Failed == 0)} of {ordered.Count} scripts pass completely");

        var problems = new List<string>();
        foreach (var (relative, result) in ordered)
        {
            if (result.Failed == 0 && known.Contains(relative))
                problems.Add($"{relative} passes completely now: remove it from known-failing-components.txt");
            else if (result.Failed > 0 && !known.Contains(relative))
                problems.Add($"{relative}: {result.Failed} failed; first: " + string.Join(" | ", result.Failures.Take(3)));
        }
        problems.AddRange(known.Where(k => !scripts.Contains(k)).Select(k => $"{k} is listed but is not a script of the set"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

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
