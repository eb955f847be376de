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
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileErrors);
    }

    private static (string, string)[] Features() =>
    [
        GeneratorHarness.Sample("features/world.wit"),
        GeneratorHarness.Sample("features/more.wit"),
        GeneratorHarness.Sample("features/deps/shapes/geometry.wit"),
        GeneratorHarness.Sample("features/deps/extra.wit"),
    ];

    [Fact]
    public void PackagesFoldersIncludesInlineInterfacesAndClashingNamesGenerateCodeThatCompiles()
    {
        var run = GeneratorHarness.Run("""
            namespace App.Bindings
            {
                [Heron.Bindgen.WitWorld("test:features/features@1.2.3")]
                internal partial class Features;
            }
            """, Features());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileErrors);
    }

    [Theory]
    [InlineData("public interface IClock")]
    [InlineData("ulong Now();")]
    [InlineData("public interface IGeometry")]
    [InlineData("public sealed record Point(double X, double Y);")]
    [InlineData("public enum ErrorsAErrorCode : byte")]
    [InlineData("public abstract record ErrorsBErrorCode")]
    [InlineData("public sealed record ErrorCode(uint Value) : ErrorsBErrorCode;")]
    [InlineData("public sealed record ErrorsB(uint ErrorsBValue, string Type);")]
    [InlineData("Result<ErrorsB, ErrorsBErrorCode> Fetch(uint @in, string @string);")]
    [InlineData("public interface IInterface")]
    [InlineData("bool Use(bool result);")]
    [InlineData("public sealed class Entry : global::System.IDisposable")]
    [InlineData("public Result<Entry, ErrorsAErrorCode> CreateEntry(string key)")]
    [InlineData("public Entry EntryMerge(Entry a, Entry b)")]
    [InlineData("public byte[]? Get()")]
    [InlineData("public StoreExports Store { get; }")]
    [InlineData("public string Shout(string text)")]
    [InlineData("public double Area(Shape s)")]
    [InlineData("string BasePing();")]
    [InlineData("public string BasePing()")]
    [InlineData("public static void AddToLinker(global::Heron.Components.ComponentLinker linker, IClock clock, IGeometry geometry, IErrorsA errorsA, IErrorsB errorsB, IInterface @interface, IImports imports)")]
    [InlineData("linker.Root.DefineFunction(\"base-ping\"")]
    public void TheGeneratedShapesAreNatural(string expected)
    {
        var run = GeneratorHarness.Run("""
            [Heron.Bindgen.WitWorld("features")]
            public partial class Features;
            """, Features());
        Assert.Contains(expected, run.Generated);
    }
}
