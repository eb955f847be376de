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
}
