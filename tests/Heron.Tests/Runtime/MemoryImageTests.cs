using System.Text;

namespace Heron.Tests.Runtime;

/// <summary>
/// Modules with more data than <c>MemoryImage.MinimumDataBytes</c> start their memory as a copy-on-write
/// mapping of one image instead of copying their segments: the guest must not be able to tell.
/// </summary>
public sealed class MemoryImageTests
{
    private const int Big = 70_000;

    /// <summary>A data segment of <paramref name="length"/> bytes, byte i being (i * 7 + seed) mod 251.</summary>
    private static string Segment(int offset, int length, int seed)
    {
        var text = new StringBuilder($"(data (i32.const {offset}) \"");
        for (int i = 0; i < length; i++) text.Append('\\').Append(((i * 7 + seed) % 251).ToString("x2"));
        return text.Append("\")").ToString();
    }

    private static byte Expected(int index, int seed) => (byte)((index * 7 + seed) % 251);

    private static string ModuleWith(string memory, params string[] segments) => $$"""
        (module
          {{memory}}
          {{string.Join("\n", segments)}}
          (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
          (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "init") (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1))))
        """;

    [Fact]
    public void EachInstanceSeesTheSegmentsAndNoneSeesAnothersWrites()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, ModuleWith("(memory (export \"memory\") 4)", Segment(1000, Big, 3), Segment(200_000, 10, 5)));
        if (Heron.Runtime.MemoryImage.Supported) Assert.NotNull(module.MemoryImages);
        var linker = new Linker(engine);
        var first = linker.Instantiate(new Store(engine), module);
        var second = linker.Instantiate(new Store(engine), module);
        foreach (var index in new[] { 0, 42, Big - 1 })
            Assert.Equal(Expected(index, 3), first.Call("load8", 1000 + index)[0].AsI32());
        Assert.Equal(Expected(9, 5), first.Call("load8", 200_009)[0].AsI32());
        Assert.Equal(0, first.Call("load8", 999)[0].AsI32());
        Assert.Equal(0, first.Call("load8", 4 * 65536 - 1)[0].AsI32());

        first.Call("store8", 1000, 0xEE);
        first.Call("store8", 5, 0xEE);
        Assert.Equal(0xEE, first.Call("load8", 1000)[0].AsI32());
        Assert.Equal(Expected(0, 3), second.Call("load8", 1000)[0].AsI32());
        Assert.Equal(0, second.Call("load8", 5)[0].AsI32());
        var third = linker.Instantiate(new Store(engine), module);
        Assert.Equal(Expected(0, 3), third.Call("load8", 1000)[0].AsI32());
        // Active segments are dropped once applied, whether copied or mapped.
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => third.Call("init")).Code);
    }

    [Fact]
    public void OverlappingSegmentsApplyInOrder()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, ModuleWith("(memory 2)", Segment(0, Big, 1), "(data (i32.const 100) \"abc\")"));
        var instance = new Linker(engine).Instantiate(new Store(engine), module);
        Assert.Equal('a', instance.Call("load8", 100)[0].AsI32());
        Assert.Equal('c', instance.Call("load8", 102)[0].AsI32());
        Assert.Equal(Expected(103, 1), instance.Call("load8", 103)[0].AsI32());
    }

    [Fact]
    public void AReservationAnImageLeftReadsAsZeroForTheNextMemory()
    {
        var engine = new Engine();
        var imaged = Module.FromText(engine, ModuleWith("(memory 2)", Segment(0, Big, 9)));
        var plain = Module.FromText(engine, ModuleWith("(memory 2)", "(data (i32.const 0) \"\")"));
        var linker = new Linker(engine);
        using (var store = new Store(engine))
        {
            var instance = linker.Instantiate(store, imaged);
            instance.Call("store8", 70_500, 1);
        }
        // The pool hands the same reservation to the next memory of its size: it must be all zeros.
        var fresh = linker.Instantiate(new Store(engine), plain);
        foreach (var index in new[] { 1, 4096, 65_000, 70_500 })
            Assert.Equal(0, fresh.Call("load8", index)[0].AsI32());
    }

    [Fact]
    public void ASegmentOutOfBoundsStillTraps()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, ModuleWith("(memory 1)", Segment(0, Big, 2)));
        var trap = Assert.Throws<TrapException>(() => new Linker(engine).Instantiate(new Store(engine), module));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
    }

    [Fact]
    public void AnOffsetFromAnImportedGlobalTakesTheCopyingPath()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, $$"""
            (module
              (import "env" "base" (global $base i32))
              (memory 4)
              (data (global.get $base) "{{string.Concat(Enumerable.Repeat("\\07", Big))}}")
              (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))
            """);
        Assert.Null(module.MemoryImages);
        var linker = new Linker(engine);
        var store = new Store(engine);
        linker.Define("env", "base", new Global(store, new GlobalType(ValueType.I32, Mutable: false), Value.I32(64)));
        var instance = linker.Instantiate(store, module);
        Assert.Equal(7, instance.Call("load8", 64)[0].AsI32());
        Assert.Equal(0, instance.Call("load8", 63)[0].AsI32());
    }
}
