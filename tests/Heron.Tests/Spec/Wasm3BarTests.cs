using Xunit.Abstractions;

namespace Heron.Tests.Spec;

/// <summary>
/// The WebAssembly 3.0 bar: every script of the 3.0 suite outside the GC proposal's own (custom annotations
/// included, custom-descriptors not), with threads, wide arithmetic and custom page sizes from
/// proposals/, and Wasmtime's per-feature scripts, pass with nothing failed or skipped, less the scripts
/// listed as known failing (a list that only shrinks).
/// </summary>
public sealed class Wasm3BarTests(ITestOutputHelper output)
{
    /// <summary>Scripts of the GC proposal, and those that build GC values: the GC issue's, not this bar's.</summary>
    internal static readonly HashSet<string> GcScripts = new(StringComparer.Ordinal)
    {
        "array.wast", "array_copy.wast", "array_fill.wast", "array_init_data.wast", "array_init_elem.wast",
        "array_new_data.wast", "array_new_elem.wast", "struct.wast", "i31.wast", "ref_cast.wast", "ref_test.wast",
        "ref_eq.wast", "br_on_cast.wast", "br_on_cast_fail.wast", "extern.wast", "type-canon.wast",
        "type-equivalence.wast", "type-rec.wast", "type-subtyping.wast", "binary-gc.wast",
        "ref_null.wast", "table_init.wast", "table_init64.wast",
    };

    /// <summary>Wasmtime's per-feature folders this bar covers.</summary>
    internal static readonly string[] WasmtimeFolders =
        ["memory64", "tail-call", "threads", "function-references", "multi-memory", "custom-page-sizes"];

    [Fact]
    public void The_3_0_suite_passes_outside_gc_less_the_known_failing_list()
    {
        var folder = SharedData.RequireWasmTestsuite("3.0");
        var scripts = ScriptBar.ScriptsBelow(folder)
            .Where(s => !GcScripts.Contains(s))
            .Where(s => !s.StartsWith("proposals/", StringComparison.Ordinal) ||
                        s.StartsWith("proposals/threads/", StringComparison.Ordinal) ||
                        s.StartsWith("proposals/wide-arithmetic/", StringComparison.Ordinal) ||
                        s.StartsWith("proposals/custom-page-sizes/", StringComparison.Ordinal))
            .ToList();
        new ScriptBar("spec 3.0 bar (outside GC)", folder, scripts, ScriptBar.ListFile("known-failing-3.0.txt"), FeaturesFor)
            .Check(output);
    }

    [Fact]
    public void Wasmtimes_feature_scripts_pass_less_the_known_failing_list()
    {
        var folder = SharedData.RequireWasmtimeMiscTestsuite();
        var scripts = WasmtimeFolders.SelectMany(f => ScriptBar.ScriptsBelow(folder, f)).ToList();
        new ScriptBar("wasmtime misc 3.0 folders", folder, scripts, ScriptBar.ListFile("known-failing-wasmtime.txt"), FeaturesFor)
            .Check(output);
    }

    /// <summary>What the bar's scripts may use; a Wasmtime script's <c>;;!</c> lines are read by the runner.</summary>
    private const WasmFeatures Features = WasmFeatures.Wasm3 | WasmFeatures.Threads;

    /// <summary>
    /// The bar's features, a proposal's own for its scripts (3.0's proposals/ folder and Wasmtime's), the legacy
    /// exception instructions for 3.0's legacy/, and for the threads proposal's own scripts what <c>heron wast</c>
    /// gives them (1.0-era single tables and memories, plus threads).
    /// </summary>
    private static WasmFeatures FeaturesFor(string relative)
    {
        if (relative.StartsWith("proposals/threads/", StringComparison.Ordinal)) return Heron.Cli.WastCommand.ThreadsProposalFeatures;
        if (relative.StartsWith("proposals/custom-page-sizes/", StringComparison.Ordinal) || relative.StartsWith("custom-page-sizes/", StringComparison.Ordinal))
            return Features | WasmFeatures.CustomPageSizes;
        if (relative.StartsWith("proposals/wide-arithmetic/", StringComparison.Ordinal)) return Features | WasmFeatures.WideArithmetic;
        if (relative.StartsWith("legacy/", StringComparison.Ordinal)) return Features | WasmFeatures.LegacyExceptions;
        return Features;
    }
}
