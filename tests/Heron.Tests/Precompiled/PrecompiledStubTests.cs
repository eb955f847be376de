using System.Text;

namespace Heron.Tests.Precompiled;

/// <summary>
/// A precompiled module carries the glue the engine would otherwise generate (invokers for its exports,
/// host stubs for its imports as lambdas), so a process without dynamic code (NativeAOT) can run it.
/// </summary>
public sealed class PrecompiledStubTests
{
    private const string Wat = """
        (module
          (import "env" "add" (func $add (param i32 i32) (result i32)))
          (import "env" "log" (func $log (param i64)))
          (func (export "run") (param i32) (result i32)
            (call $log (i64.extend_i32_u (local.get 0)))
            (call $add (local.get 0) (i32.const 40))))
        """;

    public static TheoryData<Delegate> Adders => new()
    {
        (Func<Caller, int, int, int>)((_, a, b) => a + b),
        (Func<int, int, int>)((a, b) => a + b),
    };

    [Theory]
    [MemberData(nameof(Adders))]
    public void Calls_both_ways_use_the_modules_own_stubs(Delegate add)
    {
        var engine = new Engine();
        var module = Module.Deserialize(engine, new Engine().PrecompileModule(Encoding.UTF8.GetBytes(Wat)));
        long logged = 0;
        var linker = new Linker(engine)
            .DefineFunction("env", "add", add)
            .DefineFunction("env", "log", (Action<Caller, long>)((_, value) => logged = value));
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, module);
        Assert.Equal(42, instance.GetFunction("run")!.Invoke(Value.I32(2))[0].AsI32());
        Assert.Equal(2, logged);
        Assert.Equal(0, engine.Stubs.GeneratedTypes);
    }

    [Fact]
    public void Other_host_delegates_still_get_generated_stubs()
    {
        var engine = new Engine();
        var module = Module.Deserialize(engine, new Engine().PrecompileModule(Encoding.UTF8.GetBytes(Wat)));
        var linker = new Linker(engine)
            .DefineFunction("env", "add", (Func<uint, uint, uint>)((a, b) => a + b))
            .DefineFunction("env", "log", (Action<long>)(_ => { }));
        using var store = new Store(engine);
        Assert.Equal(43, linker.Instantiate(store, module).GetFunction("run")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.Equal(1, engine.Stubs.GeneratedTypes);
    }

    [Fact]
    public void Host_functions_a_module_does_not_import_cost_no_stub()
    {
        var engine = new Engine();
        var linker = new Linker(engine).DefineFunction("env", "unused", (Func<double, double>)(x => x));
        Assert.Equal(0, engine.Stubs.GeneratedTypes);
        using var store = new Store(engine);
        linker.Instantiate(store, Module.FromText(engine, "(module)"));
        Assert.Equal(0, engine.Stubs.GeneratedTypes);
    }
}
