namespace Heron.Tests.Api;

public sealed class HostFunctionTests
{
    private static readonly Engine Engine = new();

    private static Instance Instantiate(Linker linker, string wat, Store? store = null) =>
        linker.Instantiate(store ?? new Store(Engine), Module.FromText(Engine, wat));

    [Fact]
    public void TypedHostFunctionsReceiveAndReturnEveryNumberType()
    {
        var linker = new Linker(Engine);
        var log = new List<string>();
        linker.DefineFunction("env", "add", (int a, int b) => a + b);
        linker.DefineFunction("env", "mix", (long a, float b, double c) => a + (long)b + (long)c);
        linker.DefineFunction("env", "log", (int x) => log.Add($"log {x}"));
        linker.DefineFunction("env", "unsigned", (uint x) => x / 2);
        var instance = Instantiate(linker, """
            (module
              (import "env" "add" (func $add (param i32 i32) (result i32)))
              (import "env" "mix" (func $mix (param i64 f32 f64) (result i64)))
              (import "env" "log" (func $log (param i32)))
              (import "env" "unsigned" (func $unsigned (param i32) (result i32)))
              (func (export "run") (result i64)
                (call $log (call $add (i32.const 2) (i32.const 3)))
                (i64.add (call $mix (i64.const 10) (f32.const 2.5) (f64.const 100.75))
                         (i64.extend_i32_u (call $unsigned (i32.const -2))))))
            """);
        Assert.Equal(10L + 2 + 100 + 0x7FFFFFFF, instance.GetFunction<long>("run")!());
        Assert.Equal(["log 5"], log);
    }

    [Fact]
    public void DynamicHostFunctionsWorkAtAnyArityWithSeveralResults()
    {
        var linker = new Linker(Engine);
        var parameters = Enumerable.Repeat(ValueType.I32, 24).ToArray();
        linker.DefineFunction("env", "sum24", new FunctionType(parameters, [ValueType.I64, ValueType.I32]),
            (caller, args) =>
            {
                long total = 0;
                foreach (var arg in args) total += arg.AsI32();
                return [Value.I64(total), Value.I32(args.Length)];
            });
        var calls = string.Join(" ", Enumerable.Range(1, 24).Select(i => $"(i32.const {i})"));
        var instance = Instantiate(linker, $$"""
            (module
              (import "env" "sum24" (func $sum24 (param {{string.Join(" ", Enumerable.Repeat("i32", 24))}}) (result i64 i32)))
              (func (export "run") (result i64 i32) (call $sum24 {{calls}})))
            """);
        var results = instance.GetFunction("run")!.Invoke();
        Assert.Equal(300L, results[0].AsI64());
        Assert.Equal(24, results[1].AsI32());
    }

    [Fact]
    public void HostFunctionsReachTheCallersExportedMemory()
    {
        var linker = new Linker(Engine);
        string? printed = null;
        linker.DefineFunction("env", "print", (Caller caller, int address, int length) =>
        {
            printed = caller.GetMemory("memory")!.ReadString(address, length);
        });
        linker.DefineFunction("env", "put", new FunctionType([ValueType.I32], []), (caller, args) =>
        {
            caller.GetMemory()!.WriteInt32(args[0].AsI32(), 77);
            return [];
        });
        var instance = Instantiate(linker, """
            (module
              (import "env" "print" (func $print (param i32 i32)))
              (import "env" "put" (func $put (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello, heron")
              (func (export "run") (result i32)
                (call $print (i32.const 16) (i32.const 12))
                (call $put (i32.const 100))
                (i32.load (i32.const 100))))
            """);
        Assert.Equal(77, instance.GetFunction<int>("run")!());
        Assert.Equal("hello, heron", printed);
    }

    [Fact]
    public void HostExceptionsPropagateAndTheInstanceStaysUsable()
    {
        var linker = new Linker(Engine);
        var fail = true;
        linker.DefineFunction("env", "check", (int x) =>
        {
            if (fail) throw new InvalidOperationException("host says no");
            return x;
        });
        var instance = Instantiate(linker, """
            (module
              (import "env" "check" (func $check (param i32) (result i32)))
              (func (export "run") (param i32) (result i32) (call $check (local.get 0))))
            """);
        var run = instance.GetFunction<int, int>("run")!;
        Assert.Equal("host says no", Assert.Throws<InvalidOperationException>(() => run(1)).Message);
        fail = false;
        Assert.Equal(5, run(5));
    }

    [Fact]
    public void DynamicCallbackWithWrongResultsIsAnError()
    {
        var linker = new Linker(Engine);
        linker.DefineFunction("env", "bad", new FunctionType([], [ValueType.I32]), (_, _) => [Value.I64(1)]);
        var instance = Instantiate(linker, """
            (module (import "env" "bad" (func $bad (result i32))) (func (export "run") (result i32) (call $bad)))
            """);
        Assert.Throws<WasmException>(() => instance.GetFunction("run")!.Invoke());
    }

    [Fact]
    public void FunctionsFromDelegatesGoIntoTablesAndAreCalledIndirectly()
    {
        using var store = new Store(Engine);
        var linker = new Linker(Engine);
        var table = new Table(store, new TableType(ValueType.FuncRef, new Limits(1, null)), Value.Null(ValueType.FuncRef));
        table.Set(0, Value.FuncRef(Function.FromDelegate(store, (int x) => x * 3)));
        linker.Define("env", "table", table);
        var instance = Instantiate(linker, """
            (module
              (import "env" "table" (table 1 funcref))
              (type $t (func (param i32) (result i32)))
              (func (export "run") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))
            """, store);
        Assert.Equal(21, instance.GetFunction<int, int>("run")!(7));
    }
}
