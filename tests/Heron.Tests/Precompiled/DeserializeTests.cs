namespace Heron.Tests.Precompiled;

/// <summary>Precompiled modules (<see cref="Engine.PrecompileModule"/>) load and run in other engines as compiled modules do.</summary>
public sealed class DeserializeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-precompiled-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static byte[] Precompile(string wat = PrecompiledModules.Wat, EngineConfig? config = null) =>
        new Engine(config ?? new EngineConfig()).PrecompileModule(System.Text.Encoding.UTF8.GetBytes(wat));

    [Fact]
    public void A_deserialized_module_computes_what_the_compiled_module_computes()
    {
        var expected = PrecompiledModules.Run(Module.FromText(new Engine(), PrecompiledModules.Wat), 20);
        var module = Module.Deserialize(PrecompiledModules.EngineWithOtherSignatures(), Precompile());
        Assert.Equal(expected, PrecompiledModules.Run(module, 20));
        Assert.Equal(["memory", "run", "crash"], module.Exports.Select(e => e.Name));
    }

    [Fact]
    public void A_precompiled_file_loads_with_DeserializeFile()
    {
        var path = Path.Combine(folder, "module.cwasm");
        File.WriteAllBytes(path, Precompile());
        var module = Module.DeserializeFile(PrecompiledModules.EngineWithOtherSignatures(), path);
        Assert.Equal(PrecompiledModules.Run(Module.FromText(new Engine(), PrecompiledModules.Wat), 11), PrecompiledModules.Run(module, 11));
        Assert.Equal("module", module.Name);
    }

    [Fact]
    public void The_same_artifact_loads_twice_and_beside_another_module()
    {
        var engine = new Engine();
        var artifact = Precompile();
        var first = Module.Deserialize(engine, artifact);
        var second = Module.Deserialize(engine, artifact);
        var other = Module.Deserialize(engine, Precompile("""(module (func (export "run") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))"""));
        Assert.Equal(PrecompiledModules.Run(first, 5), PrecompiledModules.Run(second, 5));
        Assert.Equal(15, PrecompiledModules.Run(other, 5));
    }

    [Fact]
    public void A_call_indirect_of_the_wrong_type_still_traps_in_another_engine()
    {
        const string wat = """
            (module
              (type $a (func (result i32)))
              (type $b (func (param i32) (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $f)
              (func $f (type $a) (i32.const 1))
              (func (export "run") (param i32) (result i32) (call_indirect (type $b) (local.get 0) (i32.const 0))))
            """;
        var module = Module.Deserialize(PrecompiledModules.EngineWithOtherSignatures(), Precompile(wat));
        var trap = Assert.Throws<TrapException>(() => PrecompiledModules.Run(module, 1));
        Assert.Equal(TrapCode.BadSignature, trap.Code);
    }

    [Fact]
    public void A_trap_in_precompiled_code_has_a_backtrace()
    {
        var module = Module.Deserialize(new Engine(), Precompile());
        using var store = new Store(module.Engine);
        var instance = new Linker(module.Engine).Instantiate(store, module);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("crash")!.Invoke());
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Contains(trap.Backtrace, frame => frame.FunctionName == "crash");
    }

    [Fact]
    public void Fuel_compiled_in_is_consumed_after_deserializing()
    {
        var config = new EngineConfig { ConsumeFuel = true };
        var module = Module.Deserialize(new Engine(config), Precompile(config: config));
        using var store = new Store(module.Engine);
        store.SetFuel(50);
        var instance = new Linker(module.Engine).Instantiate(store, module);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("run")!.Invoke(Value.I32(1000)));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
    }
}
