using System.Text;
using Heron.Components.Canon;

namespace Heron.Components.Tests.Canon;

public class LiftLowerTests
{
    private static readonly RecordType Sample = new([
        new("name", PrimitiveType.String),
        new("scores", new ListType(PrimitiveType.U32)),
        new("weight", new OptionType(PrimitiveType.F64)),
        new("shape", new VariantType([new("circle", PrimitiveType.F32), new("square", PrimitiveType.U64), new("none", null)])),
        new("bits", new FlagsType(["a", "b", "c"])),
        new("letter", PrimitiveType.Char),
        new("pair", new TupleType([PrimitiveType.S8, PrimitiveType.Bool])),
        new("bytes", new ListType(PrimitiveType.U8)),
    ]);

    private static ComponentValue SampleValue(string name) => ComponentValue.Record([
        ("name", ComponentValue.String(name)),
        ("scores", ComponentValue.List([ComponentValue.U32(7), ComponentValue.U32(uint.MaxValue)])),
        ("weight", ComponentValue.Some(ComponentValue.F64(-2.5))),
        ("shape", ComponentValue.Variant("circle", ComponentValue.F32(1.5f))),
        ("bits", ComponentValue.Flags(["a", "c"])),
        ("letter", ComponentValue.Char(new Rune(0x1F600))),
        ("pair", ComponentValue.Tuple([ComponentValue.S8(-3), ComponentValue.Bool(true)])),
        ("bytes", ComponentValue.Bytes([9, 8, 7])),
    ]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AValueStoredInMemoryLoadsBackEqual(int encodingNumber)
    {
        var encoding = (StringEncoding)encodingNumber;
        var fixture = new CoreMemoryFixture();
        var cx = fixture.Context(encoding);
        foreach (var name in new[] { "plain", "café", "雪 and ❄" })
        {
            var pointer = cx.Allocate((uint)Sample.Layout.Alignment, (uint)Sample.Layout.Size);
            Lowerer.Store(cx, SampleValue(name), Sample, pointer);
            Assert.Equal(SampleValue(name), Lifter.Load(cx, pointer, Sample));
        }
    }

    [Fact]
    public void AValueLoweredFlatLiftsBackEqualThroughJoinedVariantSlots()
    {
        var fixture = new CoreMemoryFixture();
        var cx = fixture.Context();
        var flat = new List<Value>();
        Lowerer.LowerFlat(cx, SampleValue("x"), Sample, flat);
        Assert.Equal(Sample.Layout.Flat.Count, flat.Count);
        // The variant's slot joins f32 and u64 into an i64: the f32 travels as its bits.
        var reader = new FlatReader(flat);
        Assert.Equal(SampleValue("x"), Lifter.LiftFlat(cx, reader, Sample));
        Assert.True(reader.Done);
    }

    [Fact]
    public void AUtf16StringFromAComponentIntoUtf8ReallocatesToTheWorstCaseThenShrinks()
    {
        var fixture = new CoreMemoryFixture();
        var cx = fixture.Context();
        var (pointer, units) = StringStorer.Store(cx.Abi, new LiftedString("aé", StringEncoding.Utf16, 2));
        Assert.Equal(3u, units);
        Assert.Equal(3, fixture.ReallocCalls);
        Assert.Equal("aé", Encoding.UTF8.GetString(fixture.Memory.GetSpan(pointer, 3)));
    }

    [Theory]
    [InlineData(0, "aé", 3u, 3)]
    [InlineData(0, "雪 and ❄", 11u, 11)]
    [InlineData(1, "aé", 2u, 4)]
    [InlineData(2, "café", 4u, 4)]
    [InlineData(2, "雪", 1u | 1u << 31, 2)]
    public void AHostStringLandsWithOneAllocationOfItsExactSize(int encodingNumber, string text, uint expectedUnits, int expectedBytes)
    {
        var fixture = new CoreMemoryFixture();
        var abi = fixture.Abi((StringEncoding)encodingNumber);
        var before = fixture.Instance.GetGlobal("next")!.Value.AsI32();
        var (pointer, units) = abi.StoreString(text);
        Assert.Equal(expectedUnits, units);
        Assert.Equal(1, fixture.ReallocCalls);
        Assert.Equal(expectedBytes, fixture.Instance.GetGlobal("next")!.Value.AsI32() - (int)pointer);
        Assert.True(pointer >= before);
        Assert.Equal(text, abi.LoadString(pointer, units));
    }

    [Fact]
    public void AHostStringWithAnUnpairedSurrogateIsRefused()
    {
        var abi = new CoreMemoryFixture().Abi();
        Assert.Throws<ArgumentException>(() => abi.StoreString("a\uD800b"));
    }

    [Fact]
    public void BadValuesFromCoreCodeTrapWithTheSpecifiedReasons()
    {
        var fixture = new CoreMemoryFixture();
        var cx = fixture.Context();
        var badChar = Assert.Throws<TrapException>(() => Lifter.LiftFlat(cx, new FlatReader([Value.I32(0xD800)]), PrimitiveType.Char));
        Assert.Contains("invalid `char` bit pattern", badChar.Message);
        var badCase = Assert.Throws<TrapException>(() => Lifter.LiftFlat(cx, new FlatReader([Value.I32(2), Value.I32(0)]), new OptionType(PrimitiveType.U32)));
        Assert.Contains("invalid variant discriminant", badCase.Message);
        var outOfBounds = Assert.Throws<TrapException>(() => Lifter.LoadString(cx, 65530, 10));
        Assert.Contains("string content out-of-bounds", outOfBounds.Message);
        fixture.Memory.Write(2000, [0xC3]);
        var truncated = Assert.Throws<TrapException>(() => Lifter.LoadString(cx, 2000, 1));
        Assert.Contains("incomplete utf-8 byte sequence", truncated.Message);
        var badHandle = Assert.Throws<TrapException>(() => Lifter.LiftFlat(cx, new FlatReader([Value.I32(5)]), new HandleType(new ResourceType("r"), false)));
        Assert.Contains("unknown handle index 5", badHandle.Message);
    }
}
