using Heron.Components.Binary;
using Heron.Components.Model;

namespace Heron.Components.Tests.Binary;

public class ComponentDecoderTests
{
    private static string Fixture(string name) => Path.Combine(SharedData.Require("component-fixtures"), name);

    [Fact]
    public void EveryFixtureDecodesWithItsCoreModules()
    {
        var files = Directory.GetFiles(SharedData.Require("component-fixtures"), "*.wasm");
        Assert.Equal(13, files.Length);
        foreach (var file in files)
        {
            var ast = ComponentDecoder.Decode(File.ReadAllBytes(file));
            Assert.NotEmpty(ast.Definitions);
            Assert.All(AllModules(ast), module => Assert.NotEmpty(module.Module.Bytes));
        }
    }

    private static IEnumerable<CoreModuleDefinition> AllModules(ComponentAst ast) =>
        ast.Of<CoreModuleDefinition>().Concat(ast.Of<NestedComponentDefinition>().SelectMany(nested => AllModules(nested.Component)));

    [Fact]
    public void TheAdderExportsItsInterfaceInstanceWithAFunctionLiftedFromCore()
    {
        var ast = ComponentDecoder.Decode(File.ReadAllBytes(Fixture("adder.component.wasm")));
        var export = Assert.Single(ast.Of<ExportDefinition>(), e => e.Name.Name == "docs:adder/add@0.1.0");
        Assert.Equal(Sort.Instance, export.Item.Sort);
        var lift = Assert.Single(ast.Of<CanonLift>());
        var funcTypes = Flatten(ast).OfType<DefTypeDefinition>().SelectMany(t => TypesWithin(t.Type)).OfType<FuncTypeDef>();
        Assert.Contains(funcTypes, f => f.Params.Select(p => p.Label).SequenceEqual(["x", "y"]) && f.Result == ValType.Of(PrimitiveValType.U32));
    }

    [Fact]
    public void ACommandImportsWasiInstancesByVersionedName()
    {
        var ast = ComponentDecoder.Decode(File.ReadAllBytes(Fixture("hello_stdout.component.wasm")));
        var imports = ast.Of<ImportDefinition>().Select(i => i.Name.Name).ToList();
        Assert.Contains("wasi:cli/stdout@0.2.3", imports);
        Assert.All(ast.Of<ImportDefinition>(), i => Assert.Equal(ExternDescKind.Instance, i.Desc.Kind));
        Assert.Contains(ast.Of<ExportDefinition>(), e => e.Name.Name == "wasi:cli/run@0.2.3");
    }

    [Fact]
    public void ResourcesAndTheirBuiltInsAreDecoded()
    {
        var ast = ComponentDecoder.Decode(File.ReadAllBytes(Fixture("resource_borrow_export.component.wasm")));
        var all = Flatten(ast).ToList();
        Assert.Contains(all, d => d is CanonResourceNew);
        Assert.Contains(all, d => d is CanonResourceDrop);
        Assert.Contains(all, d => d is DefTypeDefinition { Type: ResourceDef { Representation.Kind: ValueKind.I32, Destructor: not null } });
        Assert.Contains(all.OfType<DefTypeDefinition>().SelectMany(t => TypesWithin(t.Type)), t => t is BorrowDef);
    }

    private static IEnumerable<DefType> TypesWithin(DefType type)
    {
        yield return type;
        var declarations = type switch { ComponentTypeDef c => c.Declarations, InstanceTypeDef i => i.Declarations, _ => [] };
        foreach (var inner in declarations.OfType<TypeDeclaration>().SelectMany(d => TypesWithin(d.Type))) yield return inner;
    }

    private static IEnumerable<ComponentDefinition> Flatten(ComponentAst ast) =>
        ast.Definitions.SelectMany(d => d is NestedComponentDefinition n ? Flatten(n.Component).Prepend(d) : [d]);

    [Fact]
    public void TheReferenceBinaryTestsDecodeOrFailAsExpected()
    {
        var cases = BinaryScript.Read(Path.Combine(SharedData.Require("component-model-tests"), "binary", "binary.wast"));
        Assert.True(cases.Count > 60, $"only {cases.Count} binary cases were found");
        var failures = new List<string>();
        foreach (var test in cases)
        {
            DecodeException? error = null;
            try
            {
                ComponentDecoder.Decode(test.Bytes);
            }
            catch (DecodeException e)
            {
                error = e;
            }
            // Invalid components are well-formed: they decode, and validation refuses them.
            if (test.Kind != "assert_malformed" && error != null) failures.Add($"line {test.Line}: unexpected {error.Message}");
            if (test.Kind == "assert_malformed" && (error == null || !error.Reason.Contains(test.ExpectedMessage!)))
                failures.Add($"line {test.Line}: expected '{test.ExpectedMessage}', got {error?.Message ?? "success"}");
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x02, 0x01, 0x62 }, "invalid leading byte (0x62) for component defined type", 11)]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x05, 0x01 }, "unexpected end-of-file", 9)]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x0d, 0x00 }, "malformed section id", 8)]
    public void MalformedInputNamesTheProblemAndItsOffset(byte[] bytes, string reason, int offset)
    {
        var error = Assert.Throws<DecodeException>(() => ComponentDecoder.Decode(bytes));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void AnErrorInsideAnEmbeddedModuleIsReportedAtItsOffsetInTheComponent()
    {
        // A component whose one core module has a type section claiming more bytes than it has.
        byte[] bytes = [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x01, 0x0b, 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05, 0x01];
        var error = Assert.Throws<DecodeException>(() => ComponentDecoder.Decode(bytes));
        Assert.True(error.Offset >= 18, error.Message);
    }

    [Fact]
    public void TruncatedFixturesFailWithADecodeErrorNeverAnotherException()
    {
        var bytes = File.ReadAllBytes(Fixture("resource_alias.component.wasm"));
        var random = new Random(19);
        for (var i = 0; i < 40; i++)
        {
            var length = random.Next(8, bytes.Length);
            Assert.Throws<DecodeException>(() => ComponentDecoder.Decode(bytes.AsMemory(0, length)));
        }
    }
}
