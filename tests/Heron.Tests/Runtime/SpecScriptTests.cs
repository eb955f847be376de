namespace Heron.Tests.Runtime;

/// <summary>Every 2.0 spec script outside simd/ runs without a failed command through the public API.</summary>
public sealed class SpecScriptTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        var folder = SharedData.WasmTestsuite("2.0");
        if (folder == null) return data;
        foreach (var file in Directory.GetFiles(folder, "*.wast").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptPasses(string script)
    {
        var runner = new ScriptRunner();
        runner.Run(Path.Combine(SharedData.WasmTestsuite("2.0")!, script));
        Assert.True(runner.Failures.Count == 0, $"{runner.Failures.Count} failures ({runner.Passed} passed):\n" + string.Join("\n", runner.Failures.Take(40)));
    }
}
