namespace Heron.Tests.Controls;

public sealed class HostStateTests
{
    private static readonly Engine Engine = new();

    private sealed class Log
    {
        public List<string> Lines { get; } = [];
    }

    [Fact]
    public void HostFunctionsReachTypedStateAndReadGuestStrings()
    {
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
            caller.GetData<Log>().Lines.Add(caller.GetMemory()!.ReadString(address, length)));
        using var store = new Store<Log>(Engine, new Log());
        var instance = linker.Instantiate(store, Module.FromText(Engine, """
            (module (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 8) "hello, host")
              (func (export "run") (call $log (i32.const 8) (i32.const 11))))
            """));
        instance.GetAction("run")!();
        Assert.Equal(["hello, host"], store.Data.Lines);
        Assert.Same(store.Data, ((Store)store).Data);
    }

    [Fact]
    public void ValueStateCanBeReplaced()
    {
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "bump", (Caller caller) =>
        {
            var store = (Store<int>)caller.Store!;
            store.Data += caller.GetData<int>();
        });
        using var store = new Store<int>(Engine, 1);
        var instance = linker.Instantiate(store, Module.FromText(Engine, """
            (module (import "env" "bump" (func $bump)) (func (export "run") (call $bump) (call $bump) (call $bump)))
            """));
        instance.GetAction("run")!();
        Assert.Equal(8, store.Data);
    }
}
