namespace Heron.Tests.Runtime;

public sealed class GlobalTests
{
    [Fact]
    public void ImportedMutableGlobalsAreSharedByReference()
    {
        var store = new Store(Wasm.Engine);
        var linker = new Linker(Wasm.Engine);
        var exporter = Wasm.Instantiate("""
            (module
              (global $g (export "g") (mut i32) (i32.const 10))
              (func (export "get") (result i32) (global.get $g)))
            """, linker, store);
        linker.DefineInstance("a", exporter);
        var importer = Wasm.Instantiate("""
            (module
              (global $g (import "a" "g") (mut i32))
              (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1)))))
            """, linker, store);
        importer.Call("bump");
        importer.Call("bump");
        Assert.Equal(12, exporter.Call("get")[0].AsI32());
        exporter.GetGlobal("g")!.Value = Value.I32(100);
        importer.Call("bump");
        Assert.Equal(101, exporter.Call("get")[0].AsI32());
    }

    [Fact]
    public void HostGlobalsInitialiseOtherGlobalsAndRejectWrongTypes()
    {
        var store = new Store(Wasm.Engine);
        var linker = new Linker(Wasm.Engine);
        linker.Define("host", "base", new Global(store, new GlobalType(ValueType.I64, false), Value.I64(40)));
        var instance = Wasm.Instantiate("""
            (module
              (global $base (import "host" "base") i64)
              (global $copy (export "copy") i64 (global.get $base))
              (global $f (export "f") (mut f64) (f64.const 1.5)))
            """, linker, store);
        Assert.Equal(40L, instance.GetGlobal("copy")!.Value.AsI64());
        Assert.Throws<InvalidOperationException>(() => instance.GetGlobal("copy")!.Value = Value.I64(1));
        Assert.Throws<ArgumentException>(() => instance.GetGlobal("f")!.Value = Value.I32(1));

        linker.Define("host", "base", new Global(store, new GlobalType(ValueType.I64, true), Value.I64(40)));
        var error = Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (global (import \"host\" \"base\") i64))", linker, store));
        Assert.StartsWith("incompatible import type", error.Message);
    }
}
