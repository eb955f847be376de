using Heron.Text;
using Heron.Text.Script;

namespace Heron.Tests.Text;

/// <summary>Script commands, actions, constants and expected-result patterns.</summary>
public sealed class WastParserTests
{
    [Fact]
    public void ModulesKeepTheirSourceAndPosition()
    {
        const string script = "(module $m (func))\n  (module binary \"\\00asm\" \"\\01\\00\\00\\00\")\n(module quote \"(func\" \" bogus)\")";
        var commands = WastParser.ParseScript(script);
        var text = Assert.IsType<ModuleCommand>(commands[0]).Module;
        Assert.Equal((ScriptModuleKind.Text, "$m".TrimStart('$'), "(module $m (func))"), (text.Kind, text.Name, text.Source));
        var binary = Assert.IsType<ModuleCommand>(commands[1]).Module;
        Assert.Equal("0061736D01000000", Convert.ToHexString(binary.Bytes!));
        Assert.Equal((2, 3), (binary.Line, binary.Column));
        var quote = Assert.IsType<ModuleCommand>(commands[2]).Module;
        Assert.Equal("(func bogus)", quote.Source);
        Assert.Throws<TextParseException>(() => quote.Encode());
    }

    [Fact]
    public void MalformedTextModulesDoNotBreakTheScript()
    {
        var commands = WastParser.ParseScript("(assert_malformed (module (func (i32.const 0x))) \"unknown operator\")");
        var command = Assert.IsType<AssertMalformedCommand>(Assert.Single(commands));
        Assert.Equal("unknown operator", command.Message);
        Assert.Throws<TextParseException>(() => command.Module.Encode());
    }

    [Fact]
    public void ActionsAndConstants()
    {
        var commands = WastParser.ParseScript(
            "(register \"M\" $m) (invoke $m \"f\" (i32.const -1) (i64.const 2) (f32.const 1.5) (f64.const -0) (ref.null extern) (ref.extern 7) (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)) (get \"g\")");
        Assert.Equal(new RegisterCommand("M", "m", 1, 1), commands[0]);
        var invoke = Assert.IsType<ActionCommand>(commands[1]).Action;
        Assert.True(invoke.IsInvoke);
        Assert.Equal(("m", "f"), (invoke.ModuleName, invoke.Field));
        var args = invoke.Arguments;
        Assert.Equal(0xFFFF_FFFFUL, args[0].Bits);
        Assert.Equal(ValueType.I64, args[1].Type);
        Assert.Equal(0x3FC0_0000UL, args[2].Bits);
        Assert.Equal(0x8000_0000_0000_0000UL, args[3].Bits);
        Assert.True(args[4].IsNull);
        Assert.Equal(ValueType.ExternRef, args[4].Type);
        Assert.Equal(7u, args[5].HostReference);
        Assert.Equal("0102030405060708090A0B0C0D0E0F10", Convert.ToHexString(args[6].Lanes!));
        var get = Assert.IsType<ActionCommand>(commands[2]).Action;
        Assert.False(get.IsInvoke);
    }

    [Fact]
    public void ResultPatterns()
    {
        var command = Assert.IsType<AssertReturnCommand>(Assert.Single(WastParser.ParseScript(
            "(assert_return (invoke \"f\") (f32.const nan:canonical) (f64.const nan:arithmetic) (ref.func) (ref.extern) (ref.null func)" +
            " (v128.const f32x4 nan:canonical 1 nan:arithmetic -0) (either (i32.const 1) (i32.const 2)) (ref.i31) (i64.const 5))")));
        var e = command.Expected;
        Assert.Equal(ScriptResultKind.CanonicalNan, e[0].Kind);
        Assert.Equal(ValueType.F32, e[0].Type);
        Assert.Equal(ScriptResultKind.ArithmeticNan, e[1].Kind);
        Assert.Equal(ScriptResultKind.RefFunc, e[2].Kind);
        Assert.Equal(ScriptResultKind.RefExtern, e[3].Kind);
        Assert.Equal(ScriptResultKind.RefNull, e[4].Kind);
        Assert.Equal(HeapType.Func, e[4].Heap);
        var lanes = e[5].LanePatterns!;
        Assert.Equal([ScriptResultKind.CanonicalNan, ScriptResultKind.Exact, ScriptResultKind.ArithmeticNan, ScriptResultKind.Exact], lanes.Select(l => l.Kind));
        Assert.Equal(0x8000_0000UL, lanes[3].Value!.Bits);
        Assert.Equal(2, e[6].Alternatives!.Length);
        Assert.Equal((ScriptResultKind.RefOfHeapType, HeapType.I31), (e[7].Kind, e[7].Heap));
        Assert.Equal(5UL, e[8].Value!.Bits);
    }

    [Fact]
    public void Assertions()
    {
        var commands = WastParser.ParseScript("""
            (assert_trap (invoke "t") "unreachable")
            (assert_trap (module (start 0) (func unreachable)) "unreachable")
            (assert_exhaustion (invoke "r") "call stack exhausted")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
            (assert_exception (invoke "throw"))
            (assert_malformed_custom (module quote "(@custom)") "malformed")
            (module definition $d (func))
            (module instance $i $d)
            """);
        Assert.Equal("unreachable", Assert.IsType<AssertTrapCommand>(commands[0]).Message);
        Assert.NotNull(Assert.IsType<AssertTrapCommand>(commands[1]).Module);
        Assert.IsType<AssertExhaustionCommand>(commands[2]);
        Assert.IsType<AssertInvalidCommand>(commands[3]);
        Assert.IsType<AssertUnlinkableCommand>(commands[4]);
        Assert.IsType<AssertExceptionCommand>(commands[5]);
        Assert.False(Assert.IsType<AssertCustomCommand>(commands[6]).Invalid);
        var definition = Assert.IsType<ModuleCommand>(commands[7]).Module;
        Assert.True(definition.IsDefinition);
        Assert.Equal("d", definition.Name);
        Assert.NotEmpty(definition.Encode());
        Assert.Equal(new ModuleInstanceCommand("i", "d", 9, 1), commands[8] with { });
    }

    [Fact]
    public void BareFieldsScriptIsOneModule()
    {
        var command = Assert.IsType<ModuleCommand>(Assert.Single(WastParser.ParseScript("(func (export \"f\"))\n(memory 1)")));
        Assert.NotEmpty(command.Module.Encode());
    }
}
