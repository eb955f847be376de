using Heron.Components.Binary;
using Heron.Components.Validation;
using static Heron.Components.Tests.Validation.TestComponent;

namespace Heron.Components.Tests.Validation;

public class ValidationRuleTests
{
    private const byte U32Type = 0x79;
    private const byte StringType = 0x73;

    private static ValidatedComponent Validate(TestComponent component) => ComponentValidator.Validate(ComponentDecoder.Decode(component.ToArray()));

    private static void AssertInvalid(TestComponent component, string message)
    {
        var error = Assert.Throws<ValidationException>(() => Validate(component));
        Assert.Contains(message, error.Message);
    }

    /// <summary>(import "r" (type (sub resource))): type index 0.</summary>
    private static byte[] ResourceImport(string name) => [.. Extern(name), 0x03, 0x01];

    [Fact]
    public void ABorrowCannotBeAFunctionResult() => AssertInvalid(
        new TestComponent().Imports(ResourceImport("r")).Types([0x68, 0x00], [0x40, 0x00, 0x00, 0x01]),
        "function result cannot contain a `borrow` type");

    [Fact]
    public void OwnNeedsAResourceType() => AssertInvalid(
        new TestComponent().Types([StringType], [0x69, 0x00]),
        "type index 0 is not a resource type");

    [Fact]
    public void AMethodTakesItsResourceAsSelf()
    {
        // (type (func (param "x" u32))) then (import "[method]r.m" (func (type 1))).
        var component = new TestComponent().Imports(ResourceImport("r")).Types([0x40, 0x01, .. Name("x"), U32Type, 0x01, 0x00])
            .Imports([.. Extern("[method]r.m"), 0x01, 0x01]);
        AssertInvalid(component, "should have a first argument called `self`");
    }

    [Fact]
    public void AMethodWithABorrowedSelfIsValid()
    {
        var component = new TestComponent().Imports(ResourceImport("r")).Types([0x68, 0x00], [0x40, 0x01, .. Name("self"), 0x01, 0x01, 0x00])
            .Imports([.. Extern("[method]r.m"), 0x01, 0x02]);
        var validated = Validate(component);
        Assert.Equal(["r", "[method]r.m"], validated.Imports.Select(i => i.Name));
    }

    [Fact]
    public void ImportNamesMustBeStronglyUnique() => AssertInvalid(
        new TestComponent().Types([0x40, 0x00, 0x01, 0x00]).Imports([.. Extern("a"), 0x01, 0x00], [.. Extern("A"), 0x01, 0x00]),
        "import name `A` conflicts with previous name `a`");

    [Theory]
    [InlineData("a_b", "is not in kebab case")]
    [InlineData("1a", "is not in kebab case")]
    [InlineData("[method]r", "failed to find `.` character")]
    [InlineData("wasi:io/streams@0.2", "unexpected end of input")]
    public void ImportNamesFollowTheNameSyntax(string name, string message) => AssertInvalid(
        new TestComponent().Types([0x40, 0x00, 0x01, 0x00]).Imports([.. Extern(name), 0x01, 0x00]), message);

    [Fact]
    public void OnlyALocalResourceCanBeCreated() => AssertInvalid(
        new TestComponent().Imports(ResourceImport("r")).Canons([0x02, 0x00]),
        "not a local resource");

    [Fact]
    public void InstantiationChecksEachArgumentAgainstTheImport()
    {
        // The nested component imports f: func(x: u32); the argument is a func().
        var nested = new TestComponent().Types([0x40, 0x01, .. Name("x"), U32Type, 0x01, 0x00]).Imports([.. Extern("f"), 0x01, 0x00]);
        var component = new TestComponent().Types([0x40, 0x00, 0x01, 0x00]).Imports([.. Extern("g"), 0x01, 0x00]).Nested(nested)
            .Instances([0x00, 0x00, 0x01, .. Name("f"), 0x01, 0x00]);
        AssertInvalid(component, "type mismatch for import `f`");
    }

    [Fact]
    public void AMissingInstantiationArgumentIsNamed()
    {
        var nested = new TestComponent().Types([0x40, 0x00, 0x01, 0x00]).Imports([.. Extern("f"), 0x01, 0x00]);
        AssertInvalid(new TestComponent().Nested(nested).Instances([0x00, 0x00, 0x00]), "missing import named `f`");
    }

    [Fact]
    public void EachInstanceOfAComponentHasItsOwnResourceTypes()
    {
        // The nested component defines a resource and exports it; two instances export two different types.
        var nested = new TestComponent().Types([0x3f, 0x7f, 0x00]).Exports([.. Extern("r"), 0x03, 0x00, 0x00]);
        var component = new TestComponent().Nested(nested).Instances([0x00, 0x00, 0x00], [0x00, 0x00, 0x00])
            .Aliases([0x03, 0x00, 0x00, .. Name("r")], [0x03, 0x00, 0x01, .. Name("r")]);
        var validated = Validate(component);
        Assert.IsType<ResourceType>(validated.Types[0]);
        Assert.IsType<ResourceType>(validated.Types[1]);
        Assert.NotSame(validated.Types[0], validated.Types[1]);
    }

    [Fact]
    public void AnImportedInstanceTypeGetsFreshResourcesForEachImport()
    {
        // (type (instance (export "r" (type (sub resource))))), imported as "a" and as "b".
        var component = new TestComponent().Types([0x42, 0x01, 0x04, .. Extern("r"), 0x03, 0x01])
            .Imports([.. Extern("a"), 0x05, 0x00], [.. Extern("b"), 0x05, 0x00]);
        var validated = Validate(component);
        var a = ((ComponentInstanceType)validated.Imports[0].Type.Type).Find("r")!.Type.Type;
        var b = ((ComponentInstanceType)validated.Imports[1].Type.Type).Find("r")!.Type.Type;
        Assert.NotSame(a, b);
    }

    [Fact]
    public void TheAsynchronousAbiIsRefusedAsNotSupportedNotAsInvalid()
    {
        // (canon backpressure.inc (core func)): valid, but part of the asynchronous ABI.
        var error = Assert.Throws<UnsupportedFeatureException>(() => Validate(new TestComponent().Canons([0x24])));
        Assert.Contains("backpressure.inc", error.Feature);
        Assert.Equal(0xb, error.Offset);
    }

    [Fact]
    public void ALiftedCoreFunctionMustHaveTheFlattenedSignature()
    {
        // A lift of core func 0 that does not exist yet: the error names the core function index space.
        AssertInvalid(new TestComponent().Types([0x40, 0x00, 0x00, StringType]).Canons([0x00, 0x00, 0x00, 0x00, 0x00]),
            "core function index out of bounds");
    }
}
