using Heron.Components.Binary;
using Heron.Components.Text;
using Heron.Components.Validation;

namespace Heron.Components.Tests.Validation;

/// <summary>map&lt;K, V&gt;: a type of its own for matching, a list of key-value tuples for the canonical ABI.</summary>
public class MapTypeTests
{
    private const string MapImportSatisfiedBy = """
        (component
          (component $C
            (import "f" (func (param "m" (map u32 string)))))
          (component $D
            (core module $M
              (memory (export "mem") 1)
              (func (export "f") (param i32 i32))
              (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
            (core instance $m (instantiate $M))
            (func (export "f") (param "m" {0})
              (canon lift (core func $m "f") (memory $m "mem") (realloc (func $m "realloc")))))
          (instance $d (instantiate $D))
          (instance (instantiate $C (with "f" (func $d "f")))))
        """;

    [Fact]
    public void AMapMatchesAMapOfTheSameKeyAndValue() =>
        Component.FromText(new Engine(), MapImportSatisfiedBy.Replace("{0}", "(map u32 string)"));

    [Fact]
    public void AListOfTuplesDoesNotMatchAMap()
    {
        var error = Assert.Throws<ValidationException>(() =>
            Component.FromText(new Engine(), MapImportSatisfiedBy.Replace("{0}", "(list (tuple u32 string))")));
        Assert.Contains("expected map, found list", error.Message);
    }

    [Fact]
    public void MapsAreRefusedWhenTheirFeatureIsOff()
    {
        var bytes = ComponentText.Parse("(component (type (map string u32)))");
        Assert.Throws<ValidationException>(() => ComponentValidator.Validate(ComponentDecoder.Decode(bytes), componentFeatures: ComponentFeatures.None));
        ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
    }

    [Fact]
    public void AMapCrossesAsItsKeyValueTuples()
    {
        var map = ListType.Map(PrimitiveType.U32, PrimitiveType.String);
        Assert.Equal("map<u32, string>", map.ToString());
        Assert.Equal(new ListType(new TupleType([PrimitiveType.U32, PrimitiveType.String])).Layout.Size, map.Layout.Size);
    }
}
