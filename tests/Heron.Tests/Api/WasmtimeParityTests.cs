using Heron.Text;

namespace Heron.Tests.Api;

/// <summary>What a host ported from Wasmtime's .NET package relies on: disposal, fuel, typed lookups, traps.</summary>
public sealed class WasmtimeParityTests
{
    private const string Adder = """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))) (memory (export "memory") 1))""";

    [Fact]
    public void EngineModuleAndLinkerAreDisposableLikeWasmtimes()
    {
        Instance instance;
        Store store;
        {
            using var engine = new Engine();
            using var module = Module.FromText(engine, Adder);
            using var linker = new Linker(engine);
            store = new Store(engine);
            instance = linker.Instantiate(store, module);
        }
        // What was made before disposal keeps working.
        Assert.Equal(5, instance.GetFunction<int, int, int>("add")!(2, 3));
        store.Dispose();
    }

    [Fact]
    public void ADisposedEngineRefusesNewModulesStoresAndLinkers()
    {
        var engine = new Engine();
        engine.Dispose();
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Module.FromText(engine, Adder));
        Assert.Throws<ObjectDisposedException>(() => new Store(engine));
        Assert.Throws<ObjectDisposedException>(() => new Linker(engine));
    }

    [Fact]
    public void DisposingTheEngineUnmapsTheReservationsItKept()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Adder);
        using (var store = new Store(engine)) new Linker(engine).Instantiate(store, module);
        if (Heron.Runtime.ReservationPool.Supported) Assert.Equal(1, engine.Reservations.Held);
        var survivor = new Store(engine);
        new Linker(engine).Instantiate(survivor, module);
        engine.Dispose();
        Assert.Equal(0, engine.Reservations.Held);
        // A memory that outlives the engine goes straight back to the system, not into the closed pool.
        survivor.Dispose();
        Assert.Equal(0, engine.Reservations.Held);
    }

    [Fact]
    public void ADisposedModuleCannotBeInstantiatedAgain()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Adder);
        var linker = new Linker(engine);
        var first = linker.Instantiate(new Store(engine), module);
        module.Dispose();
        Assert.Throws<ObjectDisposedException>(() => linker.Instantiate(new Store(engine), module));
        Assert.Equal(9, first.GetFunction<int, int, int>("add")!(4, 5));
    }

    [Fact]
    public void ADisposedLinkerForgetsItsDefinitions()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("env", "f", () => 1);
        linker.Dispose();
        Assert.Throws<ObjectDisposedException>(() => linker.DefineFunction("env", "g", () => 2));
        Assert.Throws<ObjectDisposedException>(() => linker.Get(new Store(engine), "env", "f"));
        Assert.Throws<ObjectDisposedException>(() => linker.Instantiate(new Store(engine), Module.FromText(engine, Adder)));
    }

    [Fact]
    public void FuelIsAPropertyOnTheStoreAndTheCaller()
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = true });
        var linker = new Linker(engine);
        // A host function that charges the caller for its own work, as a Wasmtime host does with caller.Fuel.
        linker.DefineFunction("env", "expensive", (Caller caller) => { caller.Fuel = caller.Fuel > 1000 ? caller.Fuel - 1000 : 0; });
        var module = Module.FromText(engine, """
            (module (import "env" "expensive" (func $expensive))
              (func (export "run") (param i32)
                (loop $again (call $expensive) (br_if $again (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
            """);
        using var store = new Store(engine) { Fuel = 10_000 };
        Assert.Equal(10_000UL, store.Fuel);
        var run = linker.Instantiate(store, module).GetAction<int>("run")!;
        run(3);
        var left = store.Fuel;
        Assert.InRange(left, 1UL, 10_000UL - 3 * 1000);
        Assert.Equal(left, store.GetFuel());
        var trap = Assert.Throws<TrapException>(() => run(100));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        store.Fuel = 50;
        Assert.Equal(50UL, store.GetFuel());
    }

    [Fact]
    public void TypedLookupsWithTheWrongSignatureReturnNull()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Adder));
        Assert.NotNull(instance.GetFunction<int, int, int>("add"));
        Assert.Null(instance.GetFunction<int, int, long>("add"));
        Assert.Null(instance.GetFunction<int, int>("add"));
        Assert.Null(instance.GetAction<int, int>("add"));
        Assert.Null(instance.GetFunction<int, int, int>("memory"));
        Assert.Null(instance.GetFunction<int, int, int>("missing"));
        // The explicit conversion still says why it cannot be made.
        Assert.Throws<ArgumentException>(() => instance.GetFunction("add")!.AsFunc<int, int, long>());
    }

    [Theory]
    [InlineData(CompileStrategy.Ahead)]
    [InlineData(CompileStrategy.Lazy)]
    public void TrapsCarryTheBacktraceWithModuleAndFunctionOffsets(CompileStrategy strategy)
    {
        const string wat = """
            (module $demo
              (func $inner (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
              (func $outer (export "run") (param i32) (result i32)
                (i32.add (i32.const 1) (call $inner (i32.const 7) (local.get 0)))))
            """;
        var bytes = WatParser.ParseModule(wat, 1, 1, emitNames: true);
        // Inlining would fold $inner into $outer, whose frame then stands for both (as the .NET stack does).
        var engine = new Engine(new EngineConfig { Strategy = strategy, InlineFunctions = false });
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, bytes));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("run")!(0));

        Assert.Equal("integer divide by zero", trap.Reason);
        var operands = IndexOf(bytes, [0x20, 0x00, 0x20, 0x01, 0x6E]);
        var sum = IndexOf(bytes, [0x41, 0x01, 0x41, 0x07, 0x20, 0x00, 0x10, 0x00]);
        var call = sum + 6;
        Assert.Collection(trap.Backtrace,
            inner =>
            {
                Assert.Equal(("demo", 0, "inner"), (inner.ModuleName, inner.FunctionIndex, inner.FunctionName));
                // The processor's divide fault maps back to the division's expression: the JIT keeps IL
                // offsets where its evaluation stack is empty, here the first local.get (see docs).
                Assert.InRange(inner.Offset, operands, operands + 4);
                Assert.Equal(inner.Offset - BodyStart(bytes, 0), inner.FunctionOffset);
            },
            // The call sits inside the i32.add's expression, which begins at its first operand.
            outer =>
            {
                Assert.Equal("outer", outer.FunctionName);
                Assert.InRange(outer.Offset, sum, call);
                Assert.Equal(outer.Offset - BodyStart(bytes, 1), outer.FunctionOffset);
            });
        var (innerOffset, outerOffset) = (trap.Backtrace[0].Offset, trap.Backtrace[1].Offset);
        Assert.Equal($"integer divide by zero\nwasm backtrace:\n    0: 0x{innerOffset:x} - demo!inner[0]\n    1: 0x{outerOffset:x} - demo!outer[1]", trap.Message);
    }

    private struct Pair
    {
        public int First;
        public long Second;
    }

    [Fact]
    public void MemoryReadsAndWritesUnmanagedValuesAsWasmtimeDoes()
    {
        var engine = new Engine();
        var memory = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Adder)).GetMemory("memory")!;
        memory.Write(3, new Pair { First = 7, Second = -2 });
        Assert.Equal(7, memory.ReadInt32(3));
        Assert.Equal(-2, memory.Read<Pair>(3).Second);
        memory.GetSpan<ushort>(100, 2)[1] = 0xBEEF;
        Assert.Equal(0xBEEF, memory.Read<ushort>(102));
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => memory.Read<long>(65536 - 4)).Code);
        Assert.Throws<TrapException>(() => memory.GetSpan<int>(65536 - 8, 3));
    }

    /// <summary>An instruction that begins a statement (nothing else on the operand stack) is located exactly.</summary>
    [Fact]
    public void AnExplicitTrapPointsAtItsInstruction()
    {
        const string wat = """
            (module $m
              (func $check (export "check") (param i32)
                (if (local.get 0) (then (nop) (unreachable)))))
            """;
        var bytes = WatParser.ParseModule(wat, 1, 1, emitNames: true);
        var engine = new Engine(new EngineConfig { InlineFunctions = false });
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, bytes));
        var trap = Assert.Throws<TrapException>(() => instance.GetAction<int>("check")!(1));
        Assert.Equal(IndexOf(bytes, [0x04, 0x40, 0x01, 0x00]) + 3, Assert.Single(trap.Backtrace).Offset);
    }

    [Fact]
    public void ModulesLoadFromTextFilesByWasmtimesName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"heron-parity-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, Adder);
        try
        {
            var engine = new Engine();
            var module = Module.FromTextFile(engine, path);
            Assert.Equal(3, new Linker(engine).Instantiate(new Store(engine), module).GetFunction<int, int, int>("add")!(1, 2));
            File.WriteAllBytes(path, [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
            Assert.Throws<TextParseException>(() => Module.FromTextFile(engine, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("pattern not found in the module");
    }

    /// <summary>Where body <paramref name="index"/> starts (after its size), read from the code section.</summary>
    private static long BodyStart(byte[] bytes, int index)
    {
        var module = Heron.Binary.ModuleDecoder.Decode(bytes, WasmFeatures.Wasm2);
        return module.Bodies[index].Encoded.Start;
    }
}
