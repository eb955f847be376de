using Xunit.Abstractions;

namespace Heron.Tests.Spec;

/// <summary>
/// The GC bar: the 3.0 suite's GC scripts (those <see cref="Wasm3BarTests"/> leaves out) and Wasmtime's gc/
/// folder pass with nothing failed or skipped, less the scripts listed as known failing (a list that only shrinks).
/// </summary>
public sealed class GcBarTests(ITestOutputHelper output)
{
    [Fact]
    public void The_gc_scripts_of_3_0_pass_less_the_known_failing_list()
    {
        var folder = SharedData.RequireWasmTestsuite("3.0");
        var scripts = Wasm3BarTests.GcScripts.Order(StringComparer.Ordinal).ToList();
        new ScriptBar("spec 3.0 GC scripts", folder, scripts, ScriptBar.ListFile("known-failing-gc.txt"), _ => WasmFeatures.Wasm3)
            .Check(output);
    }

    [Fact]
    public void Wasmtimes_gc_scripts_pass_less_the_known_failing_list()
    {
        var folder = SharedData.RequireWasmtimeMiscTestsuite();
        var scripts = ScriptBar.ScriptsBelow(folder, "gc");
        new ScriptBar("wasmtime misc gc/", folder, scripts, ScriptBar.ListFile("known-failing-wasmtime-gc.txt"), _ => WasmFeatures.Wasm3)
            .Check(output);
    }
}
