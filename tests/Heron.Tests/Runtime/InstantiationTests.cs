namespace Heron.Tests.Runtime;

public sealed class InstantiationTests
{
    [Fact]
    public void UnknownAndIncompatibleImportsAreLinkErrors()
    {
        var error = Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"f\" (func)))"));
        Assert.StartsWith("unknown import", error.Message);
        Assert.Equal("env", error.ImportModule);
        Assert.Equal("f", error.ImportName);

        var linker = new Linker(Wasm.Engine);
        linker.DefineFunction("env", "f", (int x) => x);
        Assert.StartsWith("incompatible import type",
            Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"f\" (func (param i64))))", linker)).Message);
        Assert.StartsWith("incompatible import type",
            Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"f\" (memory 1)))", linker)).Message);
    }

    [Fact]
    public void MemoryImportsFollowLimitSubtyping()
    {
        var store = new Store(Wasm.Engine);
        var linker = new Linker(Wasm.Engine);
        linker.Define("env", "memory", new Memory(store, new MemoryType(new Limits(2, 4))));
        Wasm.Instantiate("(module (import \"env\" \"memory\" (memory 1 5)))", linker, store);
        Wasm.Instantiate("(module (import \"env\" \"memory\" (memory 2)))", linker, store);
        Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"memory\" (memory 3)))", linker, store));
        Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"memory\" (memory 1 3)))", linker, store));
    }

    [Fact]
    public void SegmentsApplyInOrderAndAFailingOneLeavesEarlierWrites()
    {
        var store = new Store(Wasm.Engine);
        var linker = new Linker(Wasm.Engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var table = new Table(store, new TableType(ValueType.FuncRef, new Limits(2, null)), Value.Null(ValueType.FuncRef));
        linker.Define("env", "memory", memory).Define("env", "table", table);
        var trap = Assert.Throws<TrapException>(() => Wasm.Instantiate("""
            (module
              (import "env" "memory" (memory 1))
              (import "env" "table" (table 2 funcref))
              (func $f)
              (elem (i32.const 0) $f)
              (elem (i32.const 1) $f $f)
              (data (i32.const 0) "ok"))
            """, linker, store));
        Assert.Equal("out of bounds table access", trap.Reason);
        Assert.False(table.Get(0).IsNull);
        Assert.True(table.Get(1).IsNull);
        // Element segments come before data segments, so no data was written.
        Assert.Equal(0, memory.ReadByte(0));

        trap = Assert.Throws<TrapException>(() => Wasm.Instantiate("""
            (module
              (import "env" "memory" (memory 1))
              (data (i32.const 0) "ab")
              (data (i32.const 65535) "cd")
              (data (i32.const 2) "ef"))
            """, linker, store));
        Assert.Equal("out of bounds memory access", trap.Reason);
        Assert.Equal("ab", memory.ReadString(0, 2));
        Assert.Equal(0, memory.ReadByte(2));
    }

    [Fact]
    public void StartFunctionRunsAfterSegmentsAndItsTrapFailsInstantiation()
    {
        var instance = Wasm.Instantiate("""
            (module
              (memory (export "m") 1)
              (data (i32.const 0) "\05")
              (func $start (i32.store8 (i32.const 1) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))))
              (start $start))
            """);
        Assert.Equal(6, instance.GetMemory("m")!.ReadByte(1));

        var trap = Assert.Throws<TrapException>(() => Wasm.Instantiate("(module (func $s unreachable) (start $s))"));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
    }

    [Fact]
    public void ModulesListTheirImportsAndExports()
    {
        var module = Module.FromText(Wasm.Engine, """
            (module
              (import "env" "f" (func (param i32) (result i64)))
              (import "env" "m" (memory 1 2))
              (global (export "g") (mut f32) (f32.const 0))
              (func (export "run")))
            """);
        Assert.Equal(2, module.Imports.Count);
        Assert.Equal(ExternKind.Function, module.Imports[0].Kind);
        Assert.Equal(new FunctionType([ValueType.I32], [ValueType.I64]), module.Imports[0].FunctionType);
        Assert.Equal(new Limits(1, 2), module.Imports[1].MemoryType!.Value.Limits);
        Assert.Equal(["g", "run"], module.Exports.Select(e => e.Name));
        Assert.Equal(new GlobalType(ValueType.F32, true), module.Exports[0].GlobalType);
    }
}
