using Heron.Wast;

namespace Heron.Tests.Spec;

/// <summary>Wasmtime's script conventions in <see cref="WastRunner"/>: <c>;;!</c> feature lines, named modules, definitions.</summary>
public sealed class WasmtimeScriptConventionTests
{
    [Fact]
    public void A_feature_line_turns_the_feature_on_for_that_script_only()
    {
        const string script = """
            ;;! multi_memory = true
            (module (memory 1) (memory 1) (func (export "f") (result i32) (i32.const 7)))
            (assert_return (invoke "f") (i32.const 7))
            """;
        var runner = new WastRunner(WasmFeatures.Wasm2);
        var result = runner.RunText(script, "multi.wast");
        Assert.Equal((2, 0, 0), (result.Passed, result.Failed, result.Skipped));
        var without = runner.RunText(script.Replace(";;! multi_memory = true", ""), "plain.wast");
        Assert.Equal("module", without.Failures[0].Command);
    }

    [Fact]
    public void A_feature_line_can_turn_a_feature_off()
    {
        const string script = """
            ;;! bulk_memory = false
            (module (memory 1) (func (export "f") (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))
            """;
        var result = new WastRunner(WasmFeatures.Wasm2).RunText(script, "off.wast");
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public void A_script_needing_an_unimplemented_feature_is_skipped_with_the_reason()
    {
        const string script = """
            ;;! stack_switching = true
            (module)
            """;
        var result = new WastRunner(WasmFeatures.Wasm3).RunText(script, "switch.wast");
        Assert.Equal((0, 0, 1), (result.Passed, result.Failed, result.Skipped));
        Assert.Contains("stack_switching", Assert.Single(result.SkippedCommands));
    }

    [Fact]
    public void Informational_lines_do_not_skip_the_script()
    {
        var result = new WastRunner(WasmFeatures.Wasm3).RunText(";;! hogs_memory = true\n(module)\n", "hog.wast");
        Assert.Equal((1, 0, 0), (result.Passed, result.Failed, result.Skipped));
    }

    [Fact]
    public void A_named_module_can_be_imported_by_its_name_without_register()
    {
        const string script = """
            (module $a (func (export "seven") (result i32) (i32.const 7)))
            (module (import "a" "seven" (func $s (result i32))) (func (export "g") (result i32) (call $s)))
            (assert_return (invoke "g") (i32.const 7))
            """;
        var result = new WastRunner(WasmFeatures.Wasm2).RunText(script, "named.wast");
        Assert.Equal((3, 0, 0), (result.Passed, result.Failed, result.Skipped));
    }

    [Fact]
    public void Unnamed_module_instance_instantiates_the_latest_definition()
    {
        const string script = """
            (module definition (func (export "f") (result i32) (i32.const 1)))
            (module instance)
            (assert_return (invoke "f") (i32.const 1))
            (module definition $d (func (export "f") (result i32) (i32.const 2)))
            (module instance $i $d)
            (assert_return (invoke $i "f") (i32.const 2))
            """;
        var result = new WastRunner(WasmFeatures.Wasm3).RunText(script, "definitions.wast");
        Assert.Equal((6, 0, 0), (result.Passed, result.Failed, result.Skipped));
    }
}
