using Heron.Wast;

namespace Heron.Tests.Spec;

/// <summary>Wasmtime's exception scripts at the top of its misc testsuite (not in a feature folder of the bar).</summary>
public sealed class WasmtimeExceptionScriptTests
{
    [Theory]
    [InlineData("many-results-with-exceptions.wast")]
    [InlineData("throw-payloads.wast")]
    [InlineData("traps-skip-catch-all.wast")]
    public void The_script_passes_completely(string script)
    {
        var folder = SharedData.RequireWasmtimeMiscTestsuite();
        var result = new WastRunner(WasmFeatures.Wasm3).RunFile(Path.Combine(folder, script));
        Assert.True(result.Failed == 0 && result.Skipped == 0 && result.Passed > 0,
            $"{result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped: " +
            string.Join(" | ", result.Failures.Take(3).Select(f => f.ToString())));
    }
}
