using Heron.Runtime;

namespace Heron.Tests.Runtime;

/// <summary>
/// memory.fill's own loop (aligned 16-byte stores between an unaligned head and tail): every length and
/// misalignment around its edges sets exactly the bytes asked for.
/// </summary>
public sealed unsafe class MemoryFillTests
{
    [Fact]
    public void EveryLengthAndAlignmentSetsExactlyTheBytesAskedFor()
    {
        var buffer = new byte[512];
        fixed (byte* start = buffer)
        {
            for (int misalignment = 0; misalignment < 16; misalignment++)
                for (int length = 0; length <= 200; length++)
                {
                    Array.Fill(buffer, (byte)0x11);
                    var at = start + 32 + misalignment;
                    MemoryFill.Bytes(at, 0xC3, (nuint)length);
                    int first = 32 + misalignment;
                    for (int i = 0; i < buffer.Length; i++)
                    {
                        var expected = i >= first && i < first + length ? 0xC3 : 0x11;
                        if (buffer[i] != expected)
                            Assert.Fail($"offset {misalignment}, length {length}: byte {i - first} is {buffer[i]:X2}");
                    }
                }
        }
    }

    [Fact]
    public void AFillOfManyPagesThroughTheInstructionSetsThemAll()
    {
        var instance = Wasm.Instantiate("""
            (module
              (memory (export "memory") 40)
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
            """);
        instance.Call("fill", 3, 0x5A, 40 * 65536 - 10);
        var memory = instance.GetMemory("memory")!.Span;
        Assert.Equal(0, memory[2]);
        Assert.True(memory[3..^7].IndexOfAnyExcept((byte)0x5A) < 0);
        Assert.True(memory[^7..].IndexOfAnyExcept((byte)0) < 0);
    }
}
