using Heron.Binary;
using Heron.Instructions;

namespace Heron.Tests.Binary;

public sealed class InstructionReaderTests
{
    private static Instruction ReadOne(byte[] code, WasmFeatures features)
    {
        var reader = new InstructionReader(code, 0, code.Length, features);
        return reader.Read();
    }

    [Theory]
    [InlineData(new byte[] { 0x3F, 0x01 })]             // memory.size 1
    [InlineData(new byte[] { 0x3F, 0x80, 0x00 })]       // memory.size with a two-byte zero
    [InlineData(new byte[] { 0x40, 0x80, 0x80, 0x00 })] // memory.grow
    [InlineData(new byte[] { 0xFC, 0x0B, 0x01 })]       // memory.fill 1
    [InlineData(new byte[] { 0xFC, 0x0A, 0x00, 0x01 })] // memory.copy 0 1
    [InlineData(new byte[] { 0xFC, 0x08, 0x00, 0x01 })] // memory.init 0 (memory 1)
    public void Memory_index_is_one_zero_byte_in_2_0(byte[] code)
    {
        Assert.Equal("zero byte expected", Assert.Throws<DecodeException>(() => ReadOne(code, WasmFeatures.Wasm2)).Reason);
        ReadOne(code, WasmFeatures.Wasm3);
    }

    [Fact]
    public void Memarg_alignment_of_2_to_the_32_or_more_is_malformed_in_2_0()
    {
        byte[] load = [0x28, 0x20, 0x00]; // i32.load align=2**32
        Assert.Equal("malformed memop flags", Assert.Throws<DecodeException>(() => ReadOne(load, WasmFeatures.Wasm2)).Reason);
        byte[] withMemory = [0x28, 0x42, 0x01, 0x00]; // i32.load memory 1, align=4
        var instruction = ReadOne(withMemory, WasmFeatures.Wasm3);
        Assert.Equal((Opcode.I32Load, 1u, 2u), (instruction.Opcode, instruction.Index, instruction.Align));
        Assert.Throws<DecodeException>(() => ReadOne(withMemory, WasmFeatures.Wasm2));
    }
}
