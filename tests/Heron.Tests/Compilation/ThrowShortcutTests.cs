using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// A throw inside a protected region of its own function leaves to the region's clause tests instead of
/// throwing a .NET exception (which costs microseconds); one outside every region throws to the callers.
/// </summary>
public class ThrowShortcutTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.LegacyExceptions });

    private static string[] Listing(string wat) =>
        ModuleCompiler.List(Engine, Module.FromText(Engine, wat).Description, 0).Lines.Select(l => l.Trim()).ToArray();

    [Theory]
    [InlineData("(block $h (try_table (catch_all $h) (throw $e)))")]
    [InlineData("(try (do (throw $e)) (catch_all))")]
    public void A_throw_caught_in_its_own_function_is_a_leave(string body)
    {
        var lines = Listing($"(module (tag $e) (func {body}))");
        var created = Array.FindIndex(lines, l => l.StartsWith("call", StringComparison.Ordinal) && l.EndsWith("ExceptionHelpers::Create", StringComparison.Ordinal));
        Assert.True(created >= 0, string.Join("\n", lines));
        Assert.StartsWith("stloc", lines[created + 1]);
        Assert.StartsWith("leave", lines[created + 2]);
    }

    [Fact]
    public void A_rethrow_caught_in_its_own_function_is_a_leave()
    {
        // Legacy tries ending in catch_all have no "nothing matched" throw: no throw is left at all.
        var lines = Listing("(module (tag $e) (func (try (do (nop)) (catch_all (try (do (rethrow 1)) (catch_all))))))");
        Assert.DoesNotContain("throw", lines);
    }

    [Fact]
    public void A_throw_outside_every_region_is_a_throw()
    {
        var lines = Listing("(module (tag $e) (func (throw $e)))");
        Assert.Contains("throw", lines);
    }

    [Fact]
    public void A_shortcut_throw_no_clause_takes_still_reaches_the_outer_handler_with_its_payload()
    {
        var instance = new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine, """
            (module
              (tag $a (param i32))
              (tag $b (param i32))
              (func (export "f") (result i32)
                (block $outer (result i32)
                  (try_table (catch $b $outer)
                    (block $inner (result i32)
                      (try_table (catch $a $inner) (throw $b (i32.const 5)))
                      (i32.const -1))
                    (return))
                  (i32.const -2))))
            """));
        Assert.Equal(5, instance.Call("f")[0].AsI32());
    }
}
