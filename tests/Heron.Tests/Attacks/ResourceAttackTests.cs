using System.Text;
using Heron.Tests.Runtime;

namespace Heron.Tests.Attacks;

/// <summary>Hostile modules that aim at resources: each ends in a clear error, a trap or success, within bounded time.</summary>
public sealed class ResourceAttackTests
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    private static byte[] Module(params byte[][] parts) => [.. Header, .. parts.SelectMany(p => p)];

    private static byte[] Leb(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }

    private static byte[] Section(byte id, byte[] content) => [id, .. Leb((ulong)content.Length), .. content];

    private static Instance Instantiate(string wat) => Wasm.Instantiate(wat);

    [Fact]
    public void HundredThousandNestedBlocksCompileOrFailCleanly()
    {
        var wat = new StringBuilder("(module (func (export \"f\") (result i32) ");
        for (var i = 0; i < 100_000; i++) wat.Append("block ");
        for (var i = 0; i < 100_000; i++) wat.Append("end ");
        wat.Append("i32.const 7))");
        var error = Bounded.Run(() => Assert.Equal(7, Instantiate(wat.ToString()).Call("f")[0].AsI32()));
        Assert.Null(error);
    }

    [Fact]
    public void FiftyThousandLocalsAreAccepted()
    {
        var error = Bounded.Run(() =>
        {
            var instance = Instantiate("(module (func (export \"f\") (param i32) (result i32) (local i32) " +
                string.Concat(Enumerable.Repeat("(local i64)", 49_999)) + " (local.set 1 (local.get 0)) (local.get 1)))");
            Assert.Equal(5, instance.Call("f", 5)[0].AsI32());
        });
        Assert.Null(error);
    }

    [Fact]
    public void FourBillionLocalsAreRejectedWithoutAllocating()
    {
        // One function of type [] -> [] declaring 0xffffffff i32 locals in three bytes' worth of body.
        var bytes = Module(
            Section(1, [1, 0x60, 0, 0]),
            Section(3, [1, 0]),
            Section(10, [1, 8, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x0b]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DecodeException>(() => Heron.Module.FromBytes(Wasm.Engine, bytes));
        Assert.Contains("too many locals", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024);
    }

    [Fact]
    public void HundredThousandFunctionsAreRefusedWithAClearError()
    {
        var wat = new StringBuilder("(module ");
        for (var i = 0; i < 100_000; i++) wat.Append("(func (result i32) i32.const ").Append(i).Append(')');
        wat.Append("(func (export \"last\") (result i32) call 99999))");
        // One CIL type holds all methods, and the CLR allows 65,535: the module is refused with a clear error
        // (it used to be a TypeLoadException).
        var error = Bounded.Run(() => Instantiate(wat.ToString()), 120);
        Assert.NotNull(error);
        Assert.Contains("functions", error!.Message);
    }

    [Fact]
    public void BrTableWithAMillionTargetsCompilesOrFailsCleanly()
    {
        // (func (param i32) (result i32) block br_table 0 0 ... 0 end i32.const 1)
        var body = new List<byte> { 0 /* no locals */, 0x02, 0x40, 0x20, 0x00, 0x0e };
        body.AddRange(Leb(1_000_000));
        body.AddRange(Enumerable.Repeat((byte)0, 1_000_001));
        body.AddRange([0x0b, 0x41, 0x01, 0x0b]);
        var bytes = Module(
            Section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]),
            Section(3, [1, 0]),
            Section(7, [1, 1, (byte)'f', 0, 0]),
            Section(10, [1, .. Leb((ulong)body.Count), .. body]));
        var error = Bounded.Run(() =>
        {
            var instance = new Linker(Wasm.Engine).Instantiate(new Store(Wasm.Engine), Heron.Module.FromBytes(Wasm.Engine, bytes));
            Assert.Equal(1, instance.Call("f", 123_456)[0].AsI32());
        });
        Assert.Null(error);
    }

    [Fact]
    public void DataSegmentClaimingFourGibibytesIsMalformed()
    {
        // An active data segment for memory 0 at offset 0 whose length says 0xffffffff but which has 4 bytes.
        var bytes = Module(
            Section(5, [1, 0, 1]),
            Section(11, [1, 0, 0x41, 0, 0x0b, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4]));
        var error = Bounded.Run(() => Heron.Module.FromBytes(Wasm.Engine, bytes), 10);
        Assert.IsType<DecodeException>(error);
    }

    [Fact]
    public void MemoryGrownPageByPageToFourGibibytes()
    {
        var error = Bounded.Run(() =>
        {
            var instance = Instantiate("""
                (module (memory 0 65536)
                  (func (export "grow") (result i32) (local i32)
                    (block $done (loop $next
                      (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                      (br_if $next (i32.lt_u (local.get 0) (i32.const 65536)))))
                    (memory.size)))
                """);
            var pages = instance.Call("grow")[0].AsI32();
            // All 65536 pages, or as many as this host could give before memory.grow said -1.
            Assert.InRange(pages, 1, 65536);
        }, 120);
        Assert.Null(error);
    }

    [Fact]
    public void TenThousandElementSegmentsInstantiate()
    {
        var wat = new StringBuilder("(module (table 10000 funcref) (func $f (result i32) i32.const 3) ");
        for (var i = 0; i < 10_000; i++) wat.Append("(elem (i32.const ").Append(i).Append(") $f)");
        wat.Append("(func (export \"call\") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))");
        var error = Bounded.Run(() => Assert.Equal(3, Instantiate(wat.ToString()).Call("call", 9_999)[0].AsI32()));
        Assert.Null(error);
    }

    [Fact]
    public void MemoryCopyOfFourGibibytesTrapsQuickly()
    {
        var error = Bounded.Run(() =>
        {
            var instance = Instantiate("""
                (module (memory 1)
                  (func (export "copy") (memory.copy (i32.const 0) (i32.const 0) (i32.const -1))))
                """);
            instance.Call("copy");
        }, 10);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.IsType<TrapException>(error).Code);
    }

    [Fact]
    public void StartFunctionRecursingForeverTrapsWithStackExhaustion()
    {
        var error = Bounded.Run(() => Instantiate("(module (func $f call $f) (start $f))"), 30);
        Assert.Equal(TrapCode.StackOverflow, Assert.IsType<TrapException>(error).Code);
    }
}
