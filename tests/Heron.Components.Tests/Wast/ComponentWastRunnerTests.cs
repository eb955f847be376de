using Heron.Components.Wast;

namespace Heron.Components.Tests.Wast;

public class ComponentWastRunnerTests
{
    private const string Adder = """
        (component definition $Adder
          (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
          (core instance $i (instantiate $m))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
        (component instance $a $Adder)
        """;

    private static Heron.Wast.WastScriptResult Run(string script) => new ComponentWastRunner().Run("test.wast", script);

    [Fact]
    public void AssertReturnComparesComponentValues()
    {
        var result = Run(Adder + "\n" + """
            (assert_return (invoke "add" (u32.const 2) (u32.const 40)) (u32.const 42))
            (assert_return (invoke "add" (u32.const 2) (u32.const 2)) (u32.const 5))
            """);
        var failure = Assert.Single(result.Failures);
        Assert.True(result.Passed == 3, string.Join("\n", result.Failures));
        Assert.Equal("assert_return", failure.Command);
        Assert.Equal(7, failure.Line);
    }

    [Fact]
    public void MalformedAndInvalidComponentsAreRefused()
    {
        var result = Run("""
            (assert_malformed (component quote "(type (list))") "malformed")
            (assert_malformed (component binary "\00asm\0d\00\01\00\07") "unexpected end")
            (assert_malformed (component quote "(type $x u32) (type $x u32)") "duplicate")
            """);
        Assert.Equal(3, result.Passed);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void ATrapInACallSatisfiesAssertTrap()
    {
        var result = Run("""
            (component
              (core module $m (func (export "f") unreachable))
              (core instance $i (instantiate $m))
              (func (export "f") (canon lift (core func $i "f"))))
            (assert_trap (invoke "f") "unreachable")
            """);
        Assert.Equal(2, result.Passed);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void AnUnsupportedCommandFailsSayingSo()
    {
        var result = Run("(assert_exhaustion (invoke \"f\") \"stack\")");
        var failure = Assert.Single(result.Failures);
        Assert.Contains("not yet supported", failure.Message);
        Assert.Equal(0, result.Passed);
    }

    [Fact]
    public void ComponentScriptsAreToldFromCoreScripts()
    {
        Assert.True(ComponentWastRunner.IsComponentScript("(component) (assert_return (invoke \"f\"))"));
        Assert.True(ComponentWastRunner.IsComponentScript("(assert_invalid (component (type u8)) \"x\")"));
        Assert.False(ComponentWastRunner.IsComponentScript("(module (func)) (assert_return (invoke \"f\"))"));
    }

    [Fact]
    public void ACommandWhoseComponentNeedsTheAsyncAbiIsSkippedNotPassedAndTheRestStillRuns()
    {
        // The assert_invalid would "pass" if the refusal counted: it is refused for lack of support, not judged.
        // The invokes of the async component's function, by its name or as the current instance, are skipped too
        // (they must not reach the adder), while the commands about the adder still run and count.
        var result = Run(Adder + "\n" + """
            (assert_return (invoke "add" (u32.const 1) (u32.const 1)) (u32.const 2))
            (assert_invalid (component (canon backpressure.inc (core func))) "whatever")
            (component $async
              (core module $m (func (export "f")))
              (core instance $i (instantiate $m))
              (core func $inc (canon backpressure.inc))
              (func (export "add") (canon lift (core func $i "f"))))
            (assert_return (invoke "add" (u32.const 1) (u32.const 1)) (u32.const 2))
            (assert_return (invoke $async "add"))
            (component instance $again $async)
            """);
        Assert.Equal(3, result.Passed); // the adder's definition and instance, and its assert_return
        Assert.Empty(result.Failures);
        Assert.Equal(5, result.Skipped);
        Assert.All(result.SkippedCommands, reason => Assert.Contains("backpressure.inc", reason));
    }

    [Fact]
    public void WasmtimeScriptsGetWasmtimesHostAndEmbedderLimits()
    {
        var result = Run("""
            ;;! multi_memory = true
            (component
              (import "host-return-two" (func $f (result u32)))
              (core func $g (canon lower (func $f)))
              (core module $m (import "" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))
              (core instance $i (instantiate $m (with "" (instance (export "f" (func $g))))))
              (func (export "g") (result u32) (canon lift (core func $i "g"))))
            (assert_return (invoke "g") (u32.const 2))
            (assert_invalid (component (import "f" (func $f)) (export "f" (func $f))) "reexport of an imported function")
            (assert_invalid (component (import "c" (component))) "root-level component imports are not supported")
            """);
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal(4, result.Passed);
    }

    [Fact]
    public void OtherScriptsMayReexportImportedFunctions()
    {
        var result = Run("(assert_invalid (component (import \"f\" (func $f)) (export \"f\" (func $f))) \"reexport\")");
        Assert.Single(result.Failures);
    }
}
