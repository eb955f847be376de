namespace Heron.Tests.Runtime;

public sealed class MemoryTests
{
    private const string Module = """
        (module
          (memory (export "memory") 1 4)
          (data (i32.const 8) "\01\02\03\04")
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "load_offset") (param i32) (result i32) (i32.load offset=65532 (local.get 0)))
          (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "size") (result i32) (memory.size))
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2))))
        """;

    [Fact]
    public void LoadsAreLittleEndianAndBoundsChecked()
    {
        var instance = Wasm.Instantiate(Module);
        Assert.Equal(0x04030201, instance.Call("load", 8)[0].AsI32());
        Assert.Equal(0, instance.Call("load", 65532)[0].AsI32());
        Assert.Equal("out of bounds memory access", Wasm.Traps(() => instance.Call("load", 65533)).Reason);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => instance.Call("load", -1)).Code);
        Assert.Equal(0, instance.Call("load_offset", 0)[0].AsI32());
        Wasm.Traps(() => instance.Call("load_offset", 1));
        // The address plus the offset never wraps around.
        Wasm.Traps(() => instance.Call("load_offset", -65532));
    }

    [Fact]
    public void GrowthKeepsContentsAndRespectsTheMaximum()
    {
        var instance = Wasm.Instantiate(Module);
        var memory = instance.GetMemory("memory")!;
        instance.Call("store8", 65535, 0x7F);
        Assert.Equal(1, instance.Call("grow", 2)[0].AsI32());
        Assert.Equal(3, instance.Call("size")[0].AsI32());
        Assert.Equal(3 * 65536L, memory.Size);
        Assert.Equal(0x7F, memory.ReadByte(65535));
        Assert.Equal(0, instance.Call("load", 3 * 65536 - 4)[0].AsI32());
        Assert.Equal(-1, instance.Call("grow", 2)[0].AsI32());
        Assert.Equal(3, memory.Grow(1));
        Assert.Equal(-1, memory.Grow(1));
        instance.Call("store8", 4 * 65536 - 1, 9);
        Assert.Equal(9, memory.ReadByte(4 * 65536 - 1));
    }

    [Fact]
    public void BulkOperationsCheckBoundsBeforeWriting()
    {
        var instance = Wasm.Instantiate(Module);
        var memory = instance.GetMemory("memory")!;
        instance.Call("fill", 100, 0xAB, 4);
        Assert.Equal(unchecked((int)0xABABABAB), memory.ReadInt32(100));
        Wasm.Traps(() => instance.Call("fill", 65530, 1, 7));
        Assert.Equal(0, memory.ReadByte(65530));
        instance.Call("copy", 9, 8, 4);
        Assert.Equal(new byte[] { 1, 1, 2, 3, 4 }, memory.Span.Slice(8, 5).ToArray());
        Wasm.Traps(() => instance.Call("copy", 0, 65535, 2));
    }

    [Fact]
    public void HostReadsAndWritesThroughTheMemoryApi()
    {
        var instance = Wasm.Instantiate(Module);
        var memory = instance.GetMemory("memory")!;
        memory.WriteInt32(200, 123456);
        Assert.Equal(123456, instance.Call("load", 200)[0].AsI32());
        var count = memory.WriteString(300, "héron");
        Assert.Equal("héron", memory.ReadString(300, count));
        Assert.Throws<TrapException>(() => memory.ReadInt64(65535));
    }
}
