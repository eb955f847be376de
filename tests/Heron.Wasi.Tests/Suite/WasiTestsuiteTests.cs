using Xunit.Abstractions;

namespace Heron.Wasi.Tests.Suite;

/// <summary>The WASI test suite's three preview 1 suites, each run in full with its totals in the test output.</summary>
public sealed class WasiTestsuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void CSuite() => RunAndAssert("c");

    [Fact]
    public void RustSuite() => RunAndAssert("rust");

    [Fact]
    public void AssemblyScriptSuite() => RunAndAssert("assemblyscript");

    private void RunAndAssert(string language)
    {
        var results = WasiTestsuiteRunner.RunSuite(language, line =>
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        });
        var failed = results.Where(r => !r.Passed && !r.Skipped).Select(r => $"{r.Name}: {r.Detail}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} {language} tests failed:\n" + string.Join("\n", failed));
    }
}
