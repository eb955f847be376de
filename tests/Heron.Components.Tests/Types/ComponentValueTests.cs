using System.Text;

namespace Heron.Components.Tests.Types;

public class ComponentValueTests
{
    [Fact]
    public void ByteListsEqualTheSameListOfU8Values()
    {
        var bytes = ComponentValue.Bytes([1, 2, 3]);
        var values = ComponentValue.List([ComponentValue.U8(1), ComponentValue.U8(2), ComponentValue.U8(3)]);
        Assert.True(bytes.IsBytes);
        Assert.Equal(values, bytes);
        Assert.Equal([1, 2, 3], values.AsBytes().ToArray());
    }

    [Fact]
    public void ValuesCompareStructurallyAndNaNsEqualEachOther()
    {
        Assert.Equal(ComponentValue.F32(float.NaN), ComponentValue.F32(-float.NaN));
        Assert.NotEqual(ComponentValue.U32(1), ComponentValue.S32(1));
        Assert.Equal(ComponentValue.Ok(ComponentValue.String("x")), ComponentValue.Ok(ComponentValue.String("x")));
        Assert.NotEqual(ComponentValue.Ok(), ComponentValue.Error());
        Assert.Equal(ComponentValue.Flags(["a", "b"]), ComponentValue.Flags(["b", "a"]));
        Assert.Equal("(char.const \"é\")", ComponentValue.Char(new Rune('é')).ToString());
    }

    [Fact]
    public void ReadingTheWrongKindSaysWhatTheValueIs()
    {
        var error = Assert.Throws<InvalidCastException>(() => ComponentValue.U32(5).AsS32());
        Assert.Contains("U32", error.Message);
    }
}
