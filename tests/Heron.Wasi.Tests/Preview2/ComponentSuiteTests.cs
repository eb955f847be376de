using Heron.Components;
using Heron.Wasi.Tests.Suite;
using Xunit.Abstractions;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>
/// The WASI test suite's 72 preview 1 programs made WASI 0.2 command components by jco's preview 1 adapter
/// (<c>tools/components/convert-wasi-testsuite.sh</c>, into <c>$HERON_WASI_COMPONENTS</c> or
/// /tmp/heron-wasi-testsuite-components), run as components with the specs' expectations. The conversion needs
/// npm, which the tests must not: without the converted folder they are reported skipped, saying how to make it
/// (.ci/run makes it); with HERON_WASI_COMPONENTS set to a folder that is missing, they fail.
/// </summary>
public sealed class ComponentSuiteTests(ITestOutputHelper output)
{
    /// <summary>
    /// The four programs no WASI 0.2 host can run as their spec expects once the adapter stands between them,
    /// each with how a correct host ends it (as Wasmtime and jco do).
    /// </summary>
    private static readonly Dictionary<string, WasiTestsuiteRunner.Ending> AssemblyScriptEndings = new()
    {
        ["proc_exit-failure"] = new(1, "0.2's exit takes a result, not a code: exit 33 becomes err, exit code 1"),
        ["args_get-multiple-arguments"] = new(null, "AssemblyScript's allocator overwrites the adapter's state page: the adapter traps"),
        ["environ_get-multiple-variables"] = new(null, "AssemblyScript's allocator overwrites the adapter's state page: the adapter traps"),
        ["fd_write-to-invalid-fd"] = new(1, "the adapter answers an empty write before it looks at the descriptor, so the program's check aborts"),
    };

    private static string Folder => Environment.GetEnvironmentVariable("HERON_WASI_COMPONENTS") is { Length: > 0 } folder
        ? folder : Path.Combine(Path.GetTempPath(), "heron-wasi-testsuite-components");

    [SkippableFact]
    public void CSuite() => RunAndAssert("c");

    [SkippableFact]
    public void RustSuite() => RunAndAssert("rust");

    [SkippableFact]
    public void AssemblyScriptSuite() => RunAndAssert("assemblyscript");

    private void RunAndAssert(string language)
    {
        string folder = Path.Combine(Folder, language);
        if (!Directory.Exists(folder))
        {
            var why = $"the converted components are absent ({folder}); run tools/components/convert-wasi-testsuite.sh to make them";
            Assert.True(Environment.GetEnvironmentVariable("HERON_WASI_COMPONENTS") is not { Length: > 0 }, "HERON_WASI_COMPONENTS is set, but " + why);
            Skip.If(true, why);
        }
        var variant = new WasiTestsuiteRunner.Variant(" as components", name => Path.Combine(folder, name + ".component.wasm"), (engine, path, context) =>
        {
            var component = Component.FromFile(engine, path);
            using var store = new Store(engine);
            return WasiPreview2.RunCommand(new ComponentLinker(engine), store, component, context);
        }, language == "assemblyscript" ? AssemblyScriptEndings : []);
        var results = WasiTestsuiteRunner.RunSuite(language, Log, variant);
        var failed = results.Where(r => !r.Passed && !r.Skipped).Select(r => $"{r.Name}: {r.Detail}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} {language} components failed:\n" + string.Join("\n", failed));
    }

    private void Log(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
