namespace Heron.Bindgen.Tests;

public class CompileTests
{
    [Fact]
    public void EveryWitTypeGeneratesCodeThatCompiles()
    {
        var run = GeneratorHarness.Run("""
            [Heron.Bindgen.WitWorld("everything")]
            public partial class Everything;
            """, GeneratorHarness.Sample("everything.wit"));
        File.WriteAllText("/tmp/everything.g.cs", run.Generated);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileErrors);
    }
}
