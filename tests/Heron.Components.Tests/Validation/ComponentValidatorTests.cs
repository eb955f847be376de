using Heron.Components.Binary;
using Heron.Components.Tests.Binary;
using Heron.Components.Validation;

namespace Heron.Components.Tests.Validation;

public class ComponentValidatorTests
{
    private static ValidatedComponent ValidateFixture(string name) =>
        ComponentValidator.Validate(ComponentDecoder.Decode(File.ReadAllBytes(Path.Combine(SharedData.Require("component-fixtures"), name))));

    [Fact]
    public void EveryFixtureValidates()
    {
        foreach (var file in Directory.GetFiles(SharedData.Require("component-fixtures"), "*.wasm"))
        {
            var validated = ValidateFixture(Path.GetFileName(file));
            Assert.NotEmpty(validated.Exports);
        }
    }

    [Fact]
    public void TheAdderExportsAnInstanceWithItsResolvedFunctionType()
    {
        var validated = ValidateFixture("adder.component.wasm");
        var export = Assert.Single(validated.Exports);
        Assert.Equal("docs:adder/add@0.1.0", export.Name);
        var instance = Assert.IsType<ComponentInstanceType>(export.Type.Type);
        var add = instance.Find("add");
        Assert.NotNull(add);
        Assert.Equal("func(x: u32, y: u32) -> u32", add.Type.Type.ToString());
        Assert.Empty(validated.Imports);
    }

    [Fact]
    public void ACommandImportsWasiInstancesSharingResourcesAcrossInterfaces()
    {
        var validated = ValidateFixture("hello_stdout.component.wasm");
        var streams = (ComponentInstanceType)validated.Imports.Single(i => i.Name == "wasi:io/streams@0.2.3").Type.Type;
        var stdout = (ComponentInstanceType)validated.Imports.Single(i => i.Name == "wasi:cli/stdout@0.2.3").Type.Type;
        var outputStream = Assert.IsType<ResourceType>(streams.Find("output-stream")!.Type.Type);
        var getStdout = (ComponentFunctionType)stdout.Find("get-stdout")!.Type.Type;
        // The stdout interface uses the very resource the streams interface exports.
        Assert.Same(outputStream, ((HandleType)getStdout.Result!).Resource);
        var run = (ComponentInstanceType)validated.Exports.Single(e => e.Name == "wasi:cli/run@0.2.3").Type.Type;
        Assert.Equal("func() -> result", run.Find("run")!.Type.Type.ToString());
    }

    [Fact]
    public void ResourceMethodsAreCheckedAgainstTheirResource()
    {
        var validated = ValidateFixture("example_guest_export.wasm");
        var backend = (ComponentInstanceType)validated.Exports.Single().Type.Type;
        var scalars = Assert.IsType<ResourceType>(backend.Find("scalars")!.Type.Type);
        var getB = (ComponentFunctionType)backend.Find("[method]scalars.get-b")!.Type.Type;
        Assert.Same(scalars, ((HandleType)getB.Parameters[0].Type).Resource);
    }

    [Fact]
    public void TheReferenceBinaryTestsValidateOrFailAsExpected()
    {
        var cases = BinaryScript.Read(Path.Combine(SharedData.Require("component-model-tests"), "binary", "binary.wast"));
        var failures = new List<string>();
        foreach (var test in cases.Where(c => c.Kind != "assert_malformed"))
        {
            WasmException? error = null;
            try
            {
                ComponentValidator.Validate(ComponentDecoder.Decode(test.Bytes));
            }
            catch (WasmException e) when (e is ValidationException or UnsupportedFeatureException)
            {
                error = e;
            }
            // The async ABI's definitions are well-formed but not supported: they are refused as such.
            if (test.Kind == "module" && error != null && error is not UnsupportedFeatureException)
                failures.Add($"line {test.Line}: unexpected {error.Message}");
            if (test.Kind == "assert_invalid" && (error == null || !error.Message.Contains(test.ExpectedMessage!)))
                failures.Add($"line {test.Line}: expected '{test.ExpectedMessage}', got {error?.Message ?? "success"}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
