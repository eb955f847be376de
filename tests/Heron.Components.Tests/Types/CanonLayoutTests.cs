namespace Heron.Components.Tests.Types;

/// <summary>Layouts checked against the canonical ABI's own definitions (alignment, elem_size, flatten).</summary>
public class CanonLayoutTests
{
    [Fact]
    public void ARecordPadsEachFieldToItsAlignmentAndTheWholeToTheLargest()
    {
        var record = new RecordType([new("a", PrimitiveType.U8), new("b", PrimitiveType.U32), new("c", PrimitiveType.U16)]);
        Assert.Equal(4, record.Layout.Alignment);
        Assert.Equal(12, record.Layout.Size);
        Assert.Equal([FlatType.I32, FlatType.I32, FlatType.I32], record.Layout.Flat);
    }

    [Fact]
    public void AVariantJoinsThePayloadsFlatTypesPositionByPosition()
    {
        var variant = new VariantType([new("a", PrimitiveType.F32), new("b", PrimitiveType.U64), new("c", null)]);
        Assert.Equal([FlatType.I32, FlatType.I64], variant.Layout.Flat);
        Assert.Equal(8, variant.Layout.Alignment);
        Assert.Equal(1, variant.Layout.DiscriminantSize);
        Assert.Equal(8, variant.Layout.PayloadOffset);
        Assert.Equal(16, variant.Layout.Size);

        var floatOrInt = new ResultType(PrimitiveType.U32, PrimitiveType.F32);
        Assert.Equal([FlatType.I32, FlatType.I32], floatOrInt.Layout.Flat);
        var floats = new OptionType(PrimitiveType.F64);
        Assert.Equal([FlatType.I32, FlatType.F64], floats.Layout.Flat);
    }

    [Fact]
    public void StringsListsAndHandlesArePointersOrIndices()
    {
        Assert.Equal((4, 8), (PrimitiveType.String.Layout.Alignment, PrimitiveType.String.Layout.Size));
        var list = new ListType(PrimitiveType.U64);
        Assert.Equal((4, 8), (list.Layout.Alignment, list.Layout.Size));
        var fixedList = new ListType(PrimitiveType.U16, 3);
        Assert.Equal((2, 6), (fixedList.Layout.Alignment, fixedList.Layout.Size));
        Assert.Equal(3, fixedList.Layout.Flat.Count);
        var handle = new HandleType(new ResourceType("r"), isBorrow: true);
        Assert.Equal([FlatType.I32], handle.Layout.Flat);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(8, 1, 1)]
    [InlineData(9, 2, 2)]
    [InlineData(17, 4, 4)]
    [InlineData(32, 4, 4)]
    public void FlagsTakeTheSmallestIntegerThatHoldsThem(int count, int alignment, int size)
    {
        var flags = new FlagsType(Enumerable.Range(0, count).Select(i => $"f{i}").ToArray());
        Assert.Equal((alignment, size), (flags.Layout.Alignment, flags.Layout.Size));
    }

    [Fact]
    public void AnEnumOfManyCasesNeedsAWiderDiscriminant()
    {
        Assert.Equal(1, new EnumType(Enumerable.Range(0, 256).Select(i => $"c{i}").ToArray()).Layout.DiscriminantSize);
        Assert.Equal(2, new EnumType(Enumerable.Range(0, 257).Select(i => $"c{i}").ToArray()).Layout.DiscriminantSize);
    }
}
