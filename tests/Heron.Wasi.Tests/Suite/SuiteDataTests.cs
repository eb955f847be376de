namespace Heron.Wasi.Tests.Suite;

/// <summary>The runner's inputs, checked without running anything: the data is where we expect and parses.</summary>
public sealed class SuiteDataTests
{
    [Fact]
    public void SpecDefaultsAndFields()
    {
        var spec = TestSpec.Parse("""{"args": ["a", "b"], "env": {"k": "new\nline"}, "root": "fs-tests.dir", "exit_code": 33, "stdout": "hello"}""");
        Assert.Equal(["a", "b"], spec.Args);
        Assert.Equal("new\nline", spec.Env.Single().Value);
        Assert.Equal("fs-tests.dir", spec.Root);
        Assert.Equal(33, spec.ExitCode);
        Assert.Equal("hello", spec.Stdout);
        Assert.Null(spec.Stderr);
        var empty = TestSpec.Parse("{}");
        Assert.Empty(empty.Args);
        Assert.Null(empty.Root);
        Assert.Equal(0, empty.ExitCode);
    }

    [Fact]
    public void ExpectationsListTestsPerSuite()
    {
        var parsed = Expectations.Parse("""
            version = 1

            [[suite]]
            name = "WASI Rust tests [wasm32-wasip1]"

            # a comment
            [[suite.test]]
            name = "poll_oneoff_stdio"
            expected = "fail"

            [[suite]]
            name = "other"
            [[suite.test]]
            name = "x"
            """);
        Assert.Equal(["poll_oneoff_stdio"], parsed["WASI Rust tests [wasm32-wasip1]"]);
        Assert.Equal(["x"], parsed["other"]);
    }

    [Fact]
    public void SharedSuiteIsPresentAndEverySpecParses()
    {
        string suiteRoot = Path.Combine(SharedData.WasiTestsuite, "tests");
        int wasm = 0, specs = 0;
        foreach (var language in new[] { "c", "rust", "assemblyscript" })
        {
            string folder = Path.Combine(suiteRoot, language, "testsuite", "wasm32-wasip1");
            Assert.True(File.Exists(Path.Combine(folder, "manifest.json")), folder);
            wasm += Directory.GetFiles(folder, "*.wasm").Length;
            foreach (var json in Directory.GetFiles(folder, "*.json"))
            {
                if (Path.GetFileName(json) == "manifest.json") continue;
                TestSpec.Parse(File.ReadAllText(json));
                specs++;
            }
        }
        Assert.Equal(72, wasm);
        Assert.Equal(55, specs);
        var wasmtime = Expectations.Parse(File.ReadAllText(Path.Combine(SharedData.WasiTestsuite, "expectations", "wasmtime", "linux.toml")));
        Assert.False(wasmtime.ContainsKey("WASI C tests [wasm32-wasip1]"));
    }
}
