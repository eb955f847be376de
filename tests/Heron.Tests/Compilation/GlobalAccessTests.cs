using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// Global 0 (LLVM's and TinyGo's stack pointer) is read through a field of its own, without the bounds
/// check of the globals array; it must still be the very cell an importer or exporter shares.
/// </summary>
public class GlobalAccessTests
{
    private const string Wat = """
        (module
          (import "env" "sp" (global $sp (mut i32)))
          (global $other (mut i32) (i32.const 5))
          (func (export "bump") (param i32) (result i32)
            (global.set $sp (i32.sub (global.get $sp) (local.get 0)))
            (global.set $other (i32.add (global.get $other) (i32.const 1)))
            (i32.add (global.get $sp) (global.get $other))))
        """;

    [Fact]
    public void GlobalZeroIsReadThroughItsOwnFieldAndTheOthersThroughTheArray()
    {
        var engine = new Engine();
        var lines = ModuleCompiler.List(engine, Module.FromText(engine, Wat).Description, 0).Lines;
        Assert.Equal(3, lines.Count(line => line.Contains("InstanceContext::Global0")));
        Assert.Equal(3, lines.Count(line => line.Contains("InstanceContext::Globals")));
    }

    [Fact]
    public void AnImportedGlobalZeroIsTheHostsCell()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var sp = new Global(store, new GlobalType(ValueType.I32, true), Value.I32(100));
        var linker = new Linker(engine);
        linker.Define("env", "sp", sp);
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat));
        Assert.Equal(96, instance.Call("bump", Value.I32(10))[0].AsI32());
        Assert.Equal(90, sp.Value.AsI32());
        sp.Value = Value.I32(1000);
        Assert.Equal(1000 - 3 + 7, instance.Call("bump", Value.I32(3))[0].AsI32());
    }
}
