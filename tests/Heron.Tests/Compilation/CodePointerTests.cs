namespace Heron.Tests.Compilation;

/// <summary>
/// What tables, funcrefs and host calls call is a function's code pointer. Compiled ahead and untiered,
/// that is the native code itself, not the precode stub the method had before the JIT made its code (a
/// jump more on every call_indirect: richards' run 11.6 -> 10.6 ms).
/// </summary>
public sealed class CodePointerTests
{
    private const string Wat = """
        (module
          (type $t (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $double $triple)
          (func $double (type $t) (i32.mul (local.get 0) (i32.const 2)))
          (func $triple (type $t) (i32.mul (local.get 0) (i32.const 3)))
          (func (export "pick") (param i32 i32) (result i32)
            (call_indirect (type $t) (local.get 1) (local.get 0))))
        """;

    [Fact]
    public void Functions_compiled_ahead_are_called_at_their_native_code()
    {
        var engine = new Engine(new EngineConfig { Strategy = CompileStrategy.Ahead, TieredJit = false });
        var compiled = Module.FromText(engine, Wat).Compiled;
        for (int j = 0; j < compiled.Methods.Length; j++)
            // Asked now, after the JIT, the runtime gives the code; asked before, it gave the stub.
            Assert.Equal(compiled.Methods[j].MethodHandle.GetFunctionPointer(), compiled.CodePointers[j]);
    }

    [Theory]
    [InlineData(CompileStrategy.Ahead, false)]
    [InlineData(CompileStrategy.Ahead, true)]
    [InlineData(CompileStrategy.Lazy, false)]
    public void Call_indirect_reaches_each_table_entry(CompileStrategy strategy, bool tiered)
    {
        var engine = new Engine(new EngineConfig { Strategy = strategy, TieredJit = tiered });
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Wat));
        var pick = instance.GetFunction<int, int, int>("pick")!;
        Assert.Equal(14, pick(0, 7));
        Assert.Equal(21, pick(1, 7));
    }
}
