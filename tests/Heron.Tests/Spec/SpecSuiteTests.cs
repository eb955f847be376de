using System.Collections.Concurrent;
using Heron.Wast;
using Xunit.Abstractions;

namespace Heron.Tests.Spec;

/// <summary>
/// Runs the official WebAssembly spec scripts through <see cref="WastRunner"/> and prints the counts
/// per script and in total. Every 2.0 script, simd/ included, must pass with nothing skipped.
/// </summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_2_0_script_passes_completely_simd_included()
    {
        var folder = SharedData.RequireWasmTestsuite("2.0");
        var results = RunAll(folder, WasmFeatures.Wasm2);
        Report("2.0 (outside simd/)", folder, results.Where(r => !IsSimd(folder, r.File)).ToList());
        Report("2.0 simd/", folder, results.Where(r => IsSimd(folder, r.File)).ToList());
        var failures = results.SelectMany(r => r.Failures).Take(50).ToList();
        Assert.True(results.All(r => r.Failed == 0 && r.Skipped == 0),
            $"{results.Sum(r => r.Failed)} failed, {results.Sum(r => r.Skipped)} skipped; first failures:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Every_2_0_script_passes_with_every_function_compiled_lazily()
    {
        var folder = SharedData.RequireWasmTestsuite("2.0");
        var results = RunAll(folder, WasmFeatures.Wasm2, CompileStrategy.Lazy);
        Report("2.0 compiled lazily", folder, results);
        var failures = results.SelectMany(r => r.Failures).Take(50).ToList();
        Assert.True(results.All(r => r.Failed == 0 && r.Skipped == 0),
            $"{results.Sum(r => r.Failed)} failed, {results.Sum(r => r.Skipped)} skipped; first failures:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Every_2_0_script_passes_with_every_statement_outlined_into_a_method_of_its_own()
    {
        // The function splitter is off by default and would cut only bodies over 12 KB (none in the spec scripts); cutting
        // every statement of every function runs the whole suite through outlined regions: locals by
        // reference, exits to every kind of label, returns, traps and their backtraces.
        var folder = SharedData.RequireWasmTestsuite("2.0");
        var results = RunAll(folder, WasmFeatures.Wasm2, CompileStrategy.Auto, Heron.Compilation.SplitLimits.Everything);
        Report("2.0 with every statement outlined", folder, results);
        var failures = results.SelectMany(r => r.Failures).Take(50).ToList();
        Assert.True(results.All(r => r.Failed == 0 && r.Skipped == 0),
            $"{results.Sum(r => r.Failed)} failed, {results.Sum(r => r.Skipped)} skipped; first failures:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void The_3_0_scripts_run_without_crashing_the_runner()
    {
        var folder = SharedData.RequireWasmTestsuite("3.0");
        var results = RunAll(folder, WasmFeatures.Wasm3);
        Report("3.0 (for information)", folder, results);
        Assert.NotEmpty(results);
    }

    private static bool IsSimd(string folder, string file) =>
        Path.GetRelativePath(folder, file).StartsWith("simd" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static List<WastScriptResult> RunAll(string folder, WasmFeatures features, CompileStrategy strategy = CompileStrategy.Auto) =>
        RunAll(folder, features, strategy, Heron.Compilation.SplitLimits.Default);

    private static List<WastScriptResult> RunAll(string folder, WasmFeatures features, CompileStrategy strategy, Heron.Compilation.SplitLimits split)
    {
        var files = Directory.EnumerateFiles(folder, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var results = new ConcurrentBag<WastScriptResult>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var runner = new WastRunner(features, strategy, split);
            results.Add(runner.RunFile(file));
        });
        return results.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    private void Report(string title, string folder, List<WastScriptResult> results)
    {
        output.WriteLine($"== spec {title}");
        foreach (var result in results)
            output.WriteLine($"{Path.GetRelativePath(folder, result.File)}: {result.Passed} passed, {result.Failed} failed" +
                             (result.Skipped > 0 ? $", {result.Skipped} skipped" : ""));
        var skipped = results.Sum(r => r.Skipped);
        output.WriteLine($"spec {title}: {results.Sum(r => r.Passed)} passed, {results.Sum(r => r.Failed)} failed" +
                         (skipped > 0 ? $", {skipped} skipped" : ""));
    }
}
