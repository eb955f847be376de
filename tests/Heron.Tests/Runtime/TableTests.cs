namespace Heron.Tests.Runtime;

public sealed class TableTests
{
    private const string Module = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $v (func))
          (table (export "table") 4 10 funcref)
          (elem (i32.const 0) $double $square)
          (elem (i32.const 3) $nothing)
          (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
          (func $square (type $ii) (i32.mul (local.get 0) (local.get 0)))
          (func $nothing (type $v))
          (func (export "call") (param i32 i32) (result i32)
            (call_indirect (type $ii) (local.get 1) (local.get 0)))
          (func (export "size") (result i32) (table.size))
          (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
          (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get (local.get 0))))
          (func (export "copy") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2))))
        """;

    [Fact]
    public void CallIndirectCallsByIndexAndChecksTheSignature()
    {
        var instance = Wasm.Instantiate(Module);
        Assert.Equal(14, instance.Call("call", 0, 7)[0].AsI32());
        Assert.Equal(49, instance.Call("call", 1, 7)[0].AsI32());
        var mismatch = Wasm.Traps(() => instance.Call("call", 3, 7));
        Assert.Equal(TrapCode.BadSignature, mismatch.Code);
        Assert.Equal("indirect call type mismatch", mismatch.Reason);
        var nullEntry = Wasm.Traps(() => instance.Call("call", 2, 7));
        Assert.Equal(TrapCode.IndirectCallToNull, nullEntry.Code);
        Assert.StartsWith("uninitialized element", nullEntry.Message);
        Assert.StartsWith("undefined element", Wasm.Traps(() => instance.Call("call", 4, 7)).Reason);
    }

    [Fact]
    public void TablesGrowAndCopyWithBoundsChecks()
    {
        var instance = Wasm.Instantiate(Module);
        Assert.Equal(4, instance.Call("grow", 2)[0].AsI32());
        Assert.Equal(6, instance.Call("size")[0].AsI32());
        Assert.Equal(-1, instance.Call("grow", 5)[0].AsI32());
        instance.Call("copy", 4, 0, 2);
        Assert.Equal(18, instance.Call("call", 4, 9)[0].AsI32());
        Assert.Equal(81, instance.Call("call", 5, 9)[0].AsI32());
        Assert.Equal("out of bounds table access", Wasm.Traps(() => instance.Call("copy", 5, 0, 2)).Reason);
        Assert.Equal(1, instance.Call("is_null", 2)[0].AsI32());
        Assert.Equal(TrapCode.TableOutOfBounds, Wasm.Traps(() => instance.Call("is_null", 6)).Code);
    }

    [Fact]
    public void HostSeesAndChangesTableEntries()
    {
        var instance = Wasm.Instantiate(Module);
        var table = instance.GetTable("table")!;
        var square = table.Get(1).AsFunction()!;
        Assert.Equal(25, square.Invoke(5)[0].AsI32());
        table.Set(2, Value.FuncRef(square));
        Assert.Equal(36, instance.Call("call", 2, 6)[0].AsI32());
        Assert.Equal(4L, table.Grow(1, Value.FuncRef(square)));
        Assert.Equal(64, instance.Call("call", 4, 8)[0].AsI32());
    }

    [Fact]
    public void ExternrefTablesHoldHostObjects()
    {
        var instance = Wasm.Instantiate("""
            (module
              (table $t (export "t") 2 externref)
              (func (export "set") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
              (func (export "get") (param i32) (result externref) (table.get $t (local.get 0))))
            """);
        var token = new object();
        instance.Call("set", 1, Value.ExternRef(token));
        Assert.Same(token, instance.Call("get", 1)[0].AsExternRef());
        Assert.True(instance.Call("get", 0)[0].IsNull);
    }

    [Fact]
    public void AnIndexPastTheTableNamesBothTheSpecAndWasmtimeWording()
    {
        var instance = Wasm.Instantiate(Module);
        var trap = Wasm.Traps(() => instance.Call("call", 4, 7));
        Assert.Equal(TrapCode.UndefinedElement, trap.Code);
        Assert.Equal("undefined element 4: table index out of bounds", trap.Reason);
    }

    [Fact]
    public void ATableTooBigToCountInBytesFailsInstantiationAndGrowthWithAClearError()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        var tooBig = Heron.Module.FromText(engine, "(module (table i64 0x2000_0000_0000_0000 funcref))");
        var error = Assert.Throws<ResourceLimitException>(() => new Linker(engine).Instantiate(new Store(engine), tooBig));
        Assert.StartsWith("overflow calculating table allocation size", error.Message);
        var beyondLimit = Heron.Module.FromText(engine, "(module (table i64 0x1_0000_0000 funcref))");
        Assert.Throws<ResourceLimitException>(() => new Linker(engine).Instantiate(new Store(engine), beyondLimit));

        var growing = new Linker(engine).Instantiate(new Store(engine), Heron.Module.FromText(engine, """
            (module (table i64 0 funcref)
              (func (export "grow") (param i64) (result i64) (table.grow 0 (ref.null func) (local.get 0))))
            """));
        // Past the limits growth fails softly; a size whose bytes overflow the address space traps (as in Wasmtime).
        Assert.Equal(-1L, growing.Call("grow", Value.I64(0x1_0000_0000))[0].AsI64());
        Assert.Equal(TrapCode.AllocationFailed, Wasm.Traps(() => growing.Call("grow", Value.I64(0x2000_0000_0000_0000))).Code);
    }
}
