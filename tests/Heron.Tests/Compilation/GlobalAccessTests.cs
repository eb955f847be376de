using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// Global 0 (LLVM's and TinyGo's stack pointer) is read through a field of its own, without the bounds
/// check of the globals array; a global a body uses more than once has its cell fetched from the array
/// once, at entry. Either way it must still be the very cell an importer or exporter shares.
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
        Assert.Equal(1, lines.Count(line => line.Contains("InstanceContext::Globals"))); // three uses, one fetch
    }

    private const string Busy = """
        (module
          (import "env" "sp" (global $sp (mut i32)))
          (import "env" "bound" (global $bound (mut i32)))
          (import "env" "move" (func $move))
          (func (export "step") (result i32)
            (global.set $bound (i32.add (global.get $bound) (i32.const 1)))
            (call $move)
            (global.get $bound))
          (func (export "once") (result i32) (global.get $bound)))
        """;

    [Fact]
    public void AGlobalUsedOnceIsStillReadThroughTheArray()
    {
        var engine = new Engine();
        var lines = ModuleCompiler.List(engine, Module.FromText(engine, Busy).Description, 2).Lines;
        Assert.Equal(1, lines.Count(line => line.Contains("InstanceContext::Globals")));
        Assert.DoesNotContain(lines, line => line.StartsWith("  .local") && line.Contains("GlobalCell"));
    }

    [Fact]
    public void AFetchedCellSeesWhatTheHostWritesDuringACall()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var bound = new Global(store, new GlobalType(ValueType.I32, true), Value.I32(10));
        var linker = new Linker(engine);
        linker.Define("env", "sp", new Global(store, new GlobalType(ValueType.I32, true), Value.I32(0)));
        linker.Define("env", "bound", bound);
        linker.DefineFunction("env", "move", () =>
        {
            Assert.Equal(11, bound.Value.AsI32()); // the guest's write reached the host's cell before the call
            bound.Value = Value.I32(500);
        });
        var instance = linker.Instantiate(store, Module.FromText(engine, Busy));
        Assert.Equal(500, instance.Call("step")[0].AsI32());
        Assert.Equal(500, bound.Value.AsI32());
        Assert.Equal(500, instance.Call("once")[0].AsI32());
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
