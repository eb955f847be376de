using System.Runtime.Intrinsics;
using Heron.Tests.Runtime;

namespace Heron.Tests.Simd;

/// <summary>v128 values across the public API and through the compiler's non-SIMD instructions.</summary>
public sealed class SimdApiTests
{
    private static readonly Vector128<byte> Lanes = Vector128.Create((byte)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

    [Fact]
    public void V128GlobalsAreExportedImportedAndSharedByValue()
    {
        var exporter = Wasm.Instantiate("""
            (module
              (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
              (func (export "get") (result v128) (global.get 0)))
            """);
        var global = exporter.GetGlobal("g")!;
        Assert.Equal(Vector128.Create(1, 2, 3, 4), global.Value.AsV128().AsInt32());

        var store = exporter.Store;
        var linker = new Linker(Wasm.Engine).Define("m", "g", global);
        var importer = Wasm.Instantiate("""
            (module
              (global (import "m" "g") (mut v128))
              (func (export "bump") (global.set 0 (i32x4.add (global.get 0) (v128.const i32x4 10 10 10 10)))))
            """, linker, store);
        importer.GetAction("bump")!();
        Assert.Equal(Vector128.Create(11, 12, 13, 14), exporter.GetFunction<Vector128<byte>>("get")!().AsInt32());

        global.Value = Value.V128(Lanes);
        Assert.Equal(Lanes, exporter.GetFunction<Vector128<byte>>("get")!());
    }

    [Fact]
    public void V128ParamsResultsAndHostFunctionsWorkThroughValuesAndTypedDelegates()
    {
        var linker = new Linker(Wasm.Engine).DefineFunction("host", "rev",
            (Func<Vector128<byte>, Vector128<byte>>)(v => Vector128.Shuffle(v, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0))));
        var instance = Wasm.Instantiate("""
            (module
              (import "host" "rev" (func $rev (param v128) (result v128)))
              (func (export "twice") (param v128) (result v128 v128) (call $rev (local.get 0)) (local.get 0))
              (func (export "rev") (param v128) (result v128) (call $rev (local.get 0))))
            """, linker);
        var results = instance.Call("twice", Value.V128(Lanes));
        Assert.Equal(2, results.Length);
        Assert.Equal(Vector128.Create((byte)16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), results[0].AsV128());
        Assert.Equal(Lanes, results[1].AsV128());
        Assert.Equal(Lanes, instance.GetFunction<Vector128<byte>, Vector128<byte>>("rev")!(instance.GetFunction<Vector128<byte>, Vector128<byte>>("rev")!(Lanes)));
    }

    [Fact]
    public void V128FlowsThroughLocalsSelectBlocksBranchesAndIndirectCalls()
    {
        var instance = Wasm.Instantiate("""
            (module
              (type $t (func (param v128) (result v128)))
              (table funcref (elem $neg))
              (func $neg (type $t) (i32x4.neg (local.get 0)))
              (func (export "f") (param i32 v128) (result v128) (local v128)
                (local.set 2 (v128.const i32x4 7 7 7 7))
                (block $out (result v128)
                  (br_if $out (select (result v128) (local.get 1) (local.get 2) (local.get 0)) (i32.eq (local.get 0) (i32.const 2)))
                  (drop)
                  (if (result v128) (local.get 0)
                    (then (call_indirect (type $t) (local.get 1) (i32.const 0)))
                    (else (local.get 2))))))
            """);
        var f = instance.GetFunction<int, Vector128<byte>, Vector128<byte>>("f")!;
        var x = Vector128.Create(1, -2, 3, -4).AsByte();
        Assert.Equal(Vector128.Create(1, -2, 3, -4), f(2, x).AsInt32());
        Assert.Equal(Vector128.Create(-1, 2, -3, 4), f(1, x).AsInt32());
        Assert.Equal(Vector128.Create(7, 7, 7, 7), f(0, x).AsInt32());
    }
}
