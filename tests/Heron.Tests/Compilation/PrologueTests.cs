using Heron.Compilation;

namespace Heron.Tests.Compilation;

/// <summary>
/// What a function's prologue holds depends on its body: the stack check only where a call can deepen
/// the stack (or the frame is large), the memory's base only where the body uses a memory.
/// </summary>
public class PrologueTests
{
    private static readonly Engine Engine = new();

    private static string Listing(string wat, int function)
    {
        var module = Module.FromText(Engine, wat).Description;
        return string.Join("\n", ModuleCompiler.List(Engine, module, function).Lines);
    }

    private const string Functions = """
        (module
          (memory 1)
          (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $caller (param i32) (result i32) (call $leaf (local.get 0)))
          (func $reads (param i32) (result i32) (i32.load (local.get 0)))
          (func $wide (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
            i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
            (local.get 0)))
        """;

    [Fact]
    public void ASmallLeafHasNoStackCheckAndACallerHasOne()
    {
        Assert.DoesNotContain("StackExhaustedTrap", Listing(Functions, 0));
        Assert.Contains("StackExhaustedTrap", Listing(Functions, 1));
    }

    [Fact]
    public void ALeafWithAWideFrameKeepsItsStackCheck() =>
        Assert.Contains("StackExhaustedTrap", Listing(Functions, 3));

    [Fact]
    public void OnlyABodyUsingTheMemoryLoadsItsBase()
    {
        Assert.DoesNotContain("LinearMemory::Base", Listing(Functions, 0));
        Assert.Contains("LinearMemory::Base", Listing(Functions, 2));
    }
}
