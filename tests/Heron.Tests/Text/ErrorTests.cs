using Heron.Text;

namespace Heron.Tests.Text;

/// <summary>Malformed text throws <see cref="TextParseException"/> with the spec's wording and the position.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("(module (func (i32.const 0x1_0000_0000) drop))", "i32 constant out of range", 1, 26)]
    [InlineData("(module\n  (func get_local 0))", "unknown operator get_local", 2, 9)]
    [InlineData("(module (func (br $nowhere)))", "unknown label", 1, 19)]
    [InlineData("(module (func $f) (func $f))", "duplicate func", 1, 20)]
    [InlineData("(module (func (local $x i32) (local $x i32)))", "duplicate local", 1, 31)]
    [InlineData("(module (type $t (func)) (func (type $t) (param i32)))", "inline function type", 1, 32)]
    [InlineData("(module (func (call $g)))", "unknown func $g", 1, 21)]
    [InlineData("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))", "alignment must be a power of two", 1, 42)]
    [InlineData("(module (func block $a end $b))", "mismatching label", 1, 28)]
    [InlineData("(module (func) (import \"m\" \"f\" (func)))", "import after function", 1, 33)]
    [InlineData("(module (start 0) (start 0) (func))", "multiple start sections", 1, 20)]
    [InlineData("(module (func (v128.const i32x4 0 0 0) drop))", "wrong number of lane literals", 1, 38)]
    [InlineData("(module (func (f32.const 1e39) drop))", "constant out of range", 1, 26)]
    [InlineData("(module (func i32.const 1 i32.const 2 i32.add)", "unexpected end of input", 1, 47)]
    [InlineData("(module (func (i32.add i32.const 1)))", "unexpected token", 1, 24)]
    [InlineData("(module (func (if (i32.const 0) (nop))))", "unexpected token", 1, 38)]
    public void ReportsReasonAndPosition(string wat, string reason, int line, int column)
    {
        var error = Assert.Throws<TextParseException>(() => WatParser.ParseModule(wat));
        Assert.Equal(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void PositionsPointIntoTheEnclosingScript()
    {
        var error = Assert.Throws<TextParseException>(() => WatParser.ParseModule("(module\n (func bogus))", line: 40, column: 3));
        Assert.Equal((41, 8), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("(module")]
    [InlineData("(module (func (block)")]
    [InlineData(")")]
    [InlineData("(module (func (i32.const)))")]
    [InlineData("(module (func (i8x16.extract_lane_s 256 (v128.const i32x4 0 0 0 0))))")]
    [InlineData("(module (func (i8x16.shuffle 1 2 (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0))))")]
    [InlineData("(module (data \"\\u{}\"))")]
    public void TruncatedOrWrongTextIsAlwaysATextParseException(string wat) =>
        Assert.Throws<TextParseException>(() => WatParser.ParseModule(wat));
}
