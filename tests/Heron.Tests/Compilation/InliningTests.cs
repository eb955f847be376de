using System.Reflection;

namespace Heron.Tests.Compilation;

/// <summary>Only small functions are offered to the JIT's inliner; with InlineFunctions off, none is.</summary>
public class InliningTests
{
    private const string Wat = """
        (module
          (func $small (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $large (param i32) (result i32)
            (local.set 0 (i32.mul (local.get 0) (i32.const 3)))
            (local.set 0 (i32.xor (local.get 0) (i32.const 0x55)))
            (local.set 0 (i32.rotl (local.get 0) (i32.const 7)))
            (local.set 0 (i32.add (local.get 0) (i32.const 0x1234567)))
            (local.set 0 (i32.mul (local.get 0) (i32.const 0x9e3779b1)))
            (local.get 0)))
        """;

    private static bool Inlinable(EngineConfig config, int function) =>
        (Module.FromText(new Engine(config), Wat).Compiled.Methods[function].MethodImplementationFlags & MethodImplAttributes.NoInlining) == 0;

    [Fact]
    public void ASmallFunctionMayBeInlinedALargeOneNot()
    {
        Assert.True(Inlinable(new EngineConfig(), 0));
        Assert.False(Inlinable(new EngineConfig(), 1));
    }

    [Fact]
    public void WithInliningOffNoFunctionIs() => Assert.False(Inlinable(new EngineConfig { InlineFunctions = false }, 0));
}
