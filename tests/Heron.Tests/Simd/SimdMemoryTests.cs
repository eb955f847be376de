using System.Runtime.Intrinsics;
using Heron.Tests.Runtime;

namespace Heron.Tests.Simd;

/// <summary>v128 loads and stores: lane shapes, and bounds checks exactly like scalar accesses.</summary>
public sealed class SimdMemoryTests
{
    private static Instance Module() => Wasm.Instantiate("""
        (module
          (memory (export "mem") 1)
          (func (export "load") (param i32) (result v128) (v128.load offset=1 (local.get 0)))
          (func (export "store") (param i32 v128) (v128.store offset=1 (local.get 0) (local.get 1)))
          (func (export "load8x8_s") (param i32) (result v128) (v128.load8x8_s (local.get 0)))
          (func (export "load16_splat") (param i32) (result v128) (v128.load16_splat (local.get 0)))
          (func (export "load32_zero") (param i32) (result v128) (v128.load32_zero (local.get 0)))
          (func (export "load32_lane") (param i32 v128) (result v128) (v128.load32_lane offset=2 3 (local.get 0) (local.get 1)))
          (func (export "store16_lane") (param i32 v128) (v128.store16_lane 7 (local.get 0) (local.get 1))))
        """);

    [Fact]
    public void AccessesUpToTheLastByteSucceedAndOneByteFurtherTraps()
    {
        var instance = Module();
        var load = instance.GetFunction<int, Vector128<byte>>("load")!;
        Assert.Equal(Vector128<byte>.Zero, load(65536 - 17));
        Assert.Equal("out of bounds memory access", Wasm.Traps(() => load(65536 - 16)).Reason);
        Assert.Equal("out of bounds memory access", Wasm.Traps(() => load(-1)).Reason);

        var lane = instance.GetFunction<int, Vector128<byte>, Vector128<byte>>("load32_lane")!;
        Assert.Equal(Vector128<byte>.Zero, lane(65536 - 6, Vector128<byte>.Zero));
        Wasm.Traps(() => lane(65536 - 5, Vector128<byte>.Zero));

        var zero = instance.GetFunction<int, Vector128<byte>>("load32_zero")!;
        zero(65532);
        Wasm.Traps(() => zero(65533));
    }

    [Fact]
    public void AStoreOutOfBoundsWritesNothing()
    {
        var instance = Module();
        var store = instance.GetAction<int, Vector128<byte>>("store")!;
        Wasm.Traps(() => store(65536 - 16, Vector128.Create((byte)0xAB)));
        Assert.All(instance.GetMemory("mem")!.Span[^32..].ToArray(), b => Assert.Equal(0, b));
        store(65536 - 17, Vector128.Create((byte)0xAB));
        Assert.All(instance.GetMemory("mem")!.Span[^16..].ToArray(), b => Assert.Equal(0xAB, b));
    }

    [Fact]
    public void LoadsReadTheirShapeAndStoresWriteOneLane()
    {
        var instance = Module();
        var memory = instance.GetMemory("mem")!.Span;
        byte[] bytes = [0xFF, 0x7F, 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06];
        bytes.CopyTo(memory[100..]);

        Assert.Equal(Vector128.Create((short)-1, 127, -128, 1, 2, 3, 4, 5), instance.GetFunction<int, Vector128<byte>>("load8x8_s")!(100).AsInt16());
        Assert.Equal(Vector128.Create((ushort)0x7FFF), instance.GetFunction<int, Vector128<byte>>("load16_splat")!(100).AsUInt16());
        Assert.Equal(Vector128.Create(0x0180_7FFF, 0, 0, 0), instance.GetFunction<int, Vector128<byte>>("load32_zero")!(100).AsInt32());
        var merged = instance.GetFunction<int, Vector128<byte>, Vector128<byte>>("load32_lane")!(98, Vector128.Create(9).AsByte());
        Assert.Equal(Vector128.Create(9, 9, 9, 0x0180_7FFF), merged.AsInt32());

        instance.GetAction<int, Vector128<byte>>("store16_lane")!(200, Vector128.Create((ushort)0, 1, 2, 3, 4, 5, 6, 0xBEEF).AsByte());
        Assert.Equal(new byte[] { 0, 0xEF, 0xBE, 0 }, memory[199..203].ToArray());
    }
}
