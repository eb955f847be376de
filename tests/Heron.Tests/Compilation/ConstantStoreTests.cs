using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// A store of a constant pushes the constant again after the address instead of keeping it in a temporary:
/// in a function over the JIT's limits (compiled without optimisation) every temporary is a store and a
/// load on the stack, and constant stores are most of a C++ or Rust initialiser (hashset's 323 KB
/// <c>benchmark()</c>: 11,000 of them, its machine code 787 KB → 650 KB).
/// </summary>
public sealed class ConstantStoreTests
{
    private const string Wat = """
        (module
          (memory (export "memory") 1)
          (func (export "init") (param i32)
            (i32.store (local.get 0) (i32.const 7))
            (i64.store offset=8 (local.get 0) (i64.const -2))
            (i64.store32 offset=16 (local.get 0) (i64.const 0x1_2345_6789))
            (i32.store8 offset=20 (local.get 0) (i32.const 0x1FF))))
        """;

    [Fact]
    public void Constants_are_stored_without_a_temporary()
    {
        var engine = Wasm.Engine;
        var listing = string.Join("\n", ModuleCompiler.List(engine, Module.FromText(engine, Wat).Description, 0).Lines);
        Assert.DoesNotContain(": Int32", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(": Int64", listing, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constants_land_where_they_belong_and_out_of_bounds_still_traps()
    {
        var instance = Wasm.Instantiate(Wat);
        instance.Call("init", 100);
        var memory = instance.GetMemory("memory")!.Span;
        Assert.Equal(7, BitConverter.ToInt32(memory[100..]));
        Assert.Equal(-2L, BitConverter.ToInt64(memory[108..]));
        Assert.Equal(0x23456789u, BitConverter.ToUInt32(memory[116..]));
        Assert.Equal(0xFF, memory[120]);
        Assert.Equal(0, memory[121]);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => instance.Call("init", 65536 - 4)).Code);
        // The first store fitted and was made before the second trapped.
        Assert.Equal(7, BitConverter.ToInt32(instance.GetMemory("memory")!.Span[(65536 - 4)..]));
    }
}
