using static Heron.Components.Tests.Validation.TestComponent;

namespace Heron.Components.Tests.Validation;

/// <summary>
/// <see cref="Component.FromBytes(Engine, ReadOnlySpan{byte})"/> validates before it compiles: a component that decodes but breaks a rule
/// is refused with a <see cref="ValidationException"/> saying what is wrong and where.
/// </summary>
public class ComponentFromBytesTests
{
    [Fact]
    public void AnExportOfAFunctionThatDoesNotExistIsRefusedWithItsOffset()
    {
        // (export "f" (func 0)) in a component that has no functions.
        var bytes = new TestComponent().Exports([.. Extern("f"), 0x01, 0x00, 0x00]).ToArray();
        var error = Assert.Throws<ValidationException>(() => Component.FromBytes(new Engine(), bytes));
        Assert.Contains("out of bounds", error.Message);
        Assert.True(error.Offset >= 8, $"the offset {error.Offset} points past the preamble");
        Assert.Contains($"byte offset 0x{error.Offset:x}", error.Message);
    }

    [Fact]
    public void ATypeMismatchInAnInstantiationIsRefusedByFromText()
    {
        var error = Assert.Throws<ValidationException>(() => Component.FromText(new Engine(), """
            (component
              (component $C (import "x" (func)))
              (core module $M)
              (instance (instantiate $C (with "x" (core module $M)))))
            """));
        Assert.Contains("x", error.Message);
    }

    [Fact]
    public void ACoreModuleErrorPointsIntoTheComponent()
    {
        var bytes = Heron.Components.Text.ComponentText.Parse("""
            (component
              (core module $m (func (export "f") (result i32) i64.const 1))
              (core instance $i (instantiate $m)))
            """);
        var error = Assert.Throws<ValidationException>(() => Component.FromBytes(new Engine(), bytes));
        Assert.StartsWith("type mismatch (in core module 0, function 0, at end)", error.Message);
        Assert.Equal(0x0b, bytes[error.Offset]); // the function's `end`, where the i64 is left for an i32 result
    }
}
