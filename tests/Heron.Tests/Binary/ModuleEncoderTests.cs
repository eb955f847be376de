using Heron.Binary;
using Heron.Model;
using static Heron.Tests.Binary.Bytes;

namespace Heron.Tests.Binary;


public sealed class ModuleEncoderTests
{
    [Fact]
    public void A_module_built_in_memory_encodes_to_one_that_decodes_back()
    {
        // Ranges point into a scratch buffer holding (i32.const 0) end, and the body `end`.
        byte[] scratch = [0x41, 0x00, 0x0B, 0x0B, 0x61];
        var offset = new ByteRange(0, 3);
        var module = new WasmModule
        {
            Bytes = scratch,
            Types = [new TypeDefinition { Kind = CompositeKind.Function, Function = new FunctionType([ValueType.I32], []) }],
            FunctionTypeIndices = [0],
            Tables = [new TableDefinition(new TableType(ValueType.FuncRef, new Limits(1, null)))],
            Memories = [new MemoryType(new Limits(1, 2))],
            Globals = [new GlobalDefinition(new GlobalType(ValueType.I32, true), offset)],
            Exports = [new Export("f", ExternKind.Function, 0)],
            // Passive with the default encoding 0 (which means active): the encoder must pick flags 1.
            Elements = [new ElementSegment(SegmentMode.Passive, ValueType.FuncRef) { FunctionIndices = [0] }],
            Bodies = [new FunctionBody([new LocalDeclaration(3, ValueType.F64)], new ByteRange(3, 1))],
            Data = [new DataSegment(SegmentMode.Active, new ByteRange(4, 1)) { Offset = offset }],
        };
        module.Names.FunctionNames[0] = "f";
        module.Names.LocalNames[0] = new Dictionary<int, string> { [1] = "x" };

        var decoded = ModuleDecoder.Decode(ModuleEncoder.Encode(module));

        Assert.Equal(new FunctionType([ValueType.I32], []), decoded.Types[0].FunctionType);
        Assert.Equal(SegmentMode.Passive, decoded.Elements[0].Mode);
        Assert.Equal(1, decoded.Elements[0].Encoding);
        Assert.Equal(3u, decoded.Bodies[0].Locals[0].Count);
        Assert.Equal(new byte[] { 0x0B }, decoded.Bodies[0].Code.Of(decoded.Bytes).ToArray());
        Assert.Equal(new Limits(1, 2), decoded.Memories[0].Limits);
        Assert.Equal("f", decoded.FunctionName(0));
        Assert.Equal("x", decoded.Names.LocalNames[0][1]);
        Assert.Equal("a"u8.ToArray(), decoded.Data[0].Data.Of(decoded.Bytes).ToArray());
    }

    [Fact]
    public void Leb128_is_written_in_its_shortest_form()
    {
        var writer = new WasmWriter();
        writer.WriteU32(624485);
        writer.WriteS64(-123456);
        writer.WriteS64(64);
        writer.WriteS64(-64);
        Assert.Equal(new byte[] { 0xE5, 0x8E, 0x26, 0xC0, 0xBB, 0x78, 0xC0, 0x00, 0x40 }, writer.ToArray());
    }

    [Fact]
    public void Padded_integers_decode_to_the_same_module_after_re_encoding()
    {
        // memory minimum 2 written in five bytes
        var bytes = Module(Section(5, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00));
        var module = ModuleDecoder.Decode(bytes);
        var encoded = ModuleEncoder.Encode(module);
        Assert.True(encoded.Length < bytes.Length);
        Assert.Null(ModuleComparer.Difference(module, ModuleDecoder.Decode(encoded)));
    }
}
