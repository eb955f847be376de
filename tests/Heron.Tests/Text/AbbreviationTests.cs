using Heron.Text;

namespace Heron.Tests.Text;

/// <summary>
/// Every abbreviation of the text format encodes to the bytes a reference assembler produces (the
/// expected hex was computed once with wat2wasm 1.0.32 and is written here, so the test needs no tool).
/// </summary>
public sealed class AbbreviationTests
{
    [Theory]
    [InlineData("inline_export_import", "(module (func (export \"f\") (import \"m\" \"g\") (param i32)) (func (export \"h\") (result i32) (i32.const 42)))", "0061736d0100000001090260017f006000017f020701016d016700000302010107090201660000016800010a06010400412a0b")]
    [InlineData("implicit_types_appended", "(module (type $t (func (param i32))) (func (param i64)) (func (type $t)) (func (param i32)))", "0061736d0100000001090260017f0060017e000304030100000a0a0302000b02000b02000b")]
    [InlineData("folded_if_else", "(module (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))", "0061736d0100000001060160017f017f030201000a0e010c002000047f41010541020b0b")]
    [InlineData("plain_block_labels", "(module (func block $a loop $b br $a br 1 end end))", "0061736d01000000010401600000030201000a0e010c00024003400c010c010b0b0b")]
    [InlineData("multi_value_block_type", "(module (func (result i32 i32) (block (result i32 i32) (i32.const 1) (i32.const 2))))", "0061736d010000000106016000027f7f030201000a0b0109000200410141020b0b")]
    [InlineData("table_inline_elem", "(module (func $f) (table funcref (elem $f $f)))", "0061736d0100000001040160000003020100040501700102020908010041000b0200000a040102000b")]
    [InlineData("memory_inline_data", "(module (memory (data \"hi\" \"\\00\\ff\")))", "0061736d010000000504010101010b0a010041000b04686900ff")]
    [InlineData("elem_forms", "(module (table 1 funcref) (func $f) (elem (i32.const 0) $f) (elem func $f) (elem declare func $f) (elem (table 0) (offset (i32.const 0)) funcref (item ref.func $f) (ref.null func)))", "0061736d0100000001040160000003020100040401700001091a040041000b010001000100030001000441000b02d2000bd0700b0a040102000b")]
    [InlineData("data_forms", "(module (memory $m 1) (data (i32.const 1) \"a\") (data \"b\") (data (memory $m) (offset (i32.const 2)) \"c\\u{263a}\"))", "0061736d0100000005030100010b13030041010b01610101620041020b0463e298ba")]
    [InlineData("memarg", "(module (memory 1) (func (drop (i64.load offset=8 align=4 (i32.const 0))) (i32.store8 (i32.const 0) (i32.const 1))))", "0061736d010000000104016000000302010005030100010a11010f0041002902081a410041013a00000b")]
    [InlineData("floats", "(module (func (drop (f32.const 0x1.8p1)) (drop (f64.const -nan:0x1)) (drop (f32.const inf)) (drop (f64.const 1_000.5e-1))))", "0061736d01000000010401600000030201000a2401220043000040401a44010000000000f0ff1a430000807f1a4433333333330359401a0b")]
    [InlineData("v128_shapes", "(module (func (drop (v128.const i16x8 -1 2 3 4 5 6 7 0xffff)) (drop (v128.const f32x4 1 -0 nan inf)) (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 1 2) (v128.const i64x2 3 4)))))", "0061736d01000000010401600000030201000a61015f00fd0cffff020003000400050006000700ffff1afd0c0000803f000000800000c07f0000807f1afd0c01000000000000000200000000000000fd0c03000000000000000400000000000000fd0d000102030405060708090a0b0c0d0e1f1a0b")]
    [InlineData("call_indirect_named", "(module (type $t (func (result i32))) (table $tab 1 funcref) (func (result i32) (call_indirect $tab (type $t) (i32.const 0))))", "0061736d010000000105016000017f030201000404017000010a0901070041001100000b")]
    [InlineData("globals_and_select", "(module (global $g (mut i32) (i32.const -7)) (func (result i32) (select (global.get $g) (i32.const 1) (i32.const 0))) (func (result externref) (select (result externref) (ref.null extern) (ref.null extern) (i32.const 0))))", "0061736d010000000109026000017f6000016f03030200010606017f0141790b0a170209002300410141001b0b0b00d06fd06f41001c016f0b")]
    [InlineData("locals_named", "(module (func (param $a i32) (local $b i64) (local f32 f32) (local.set $a (local.get 0)) (local.get $b) drop))", "0061736d0100000001050160017f00030201000a0f010d02017e027d2000210020011a0b")]
    [InlineData("br_table_start", "(module (func $s) (start $s) (func (param i32) (block $x (block $y (br_table $x $y 0 (local.get 0))))))", "0061736d0100000001080260000060017f0003030200010801000a140202000b0f000240024020000e020100000b0b0b")]
    public void EncodesLikeTheReferenceAssembler(string name, string wat, string expectedHex)
    {
        var bytes = WatParser.ParseModule(wat);
        Assert.True(Convert.ToHexString(bytes).Equals(expectedHex, StringComparison.OrdinalIgnoreCase), $"{name}: {Convert.ToHexString(bytes)}");
    }

    [Fact]
    public void BareFieldsAreAModule()
    {
        var wrapped = WatParser.ParseModule("(module (func (export \"f\") (result i32) (i32.const 1)))");
        var bare = WatParser.ParseModule("(func (export \"f\") (result i32) (i32.const 1))");
        Assert.Equal(wrapped, bare);
    }

    [Fact]
    public void PlainAndFoldedInstructionsEncodeAlike()
    {
        var folded = WatParser.ParseModule("(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))");
        var plain = WatParser.ParseModule("(func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add)");
        Assert.Equal(plain, folded);
    }

    [Fact]
    public void NamesGoToANameSectionOnlyWhenAsked()
    {
        const string wat = "(module $m (func $f (param $x i32)))";
        var plain = WatParser.ParseModule(wat);
        var named = WatParser.ParseModule(wat, 1, 1, emitNames: true);
        Assert.Equal(plain, named.AsSpan(0, plain.Length).ToArray());
        var names = Convert.ToHexString(named.AsSpan(plain.Length));
        // custom section "name": module name "m", function 0 "f", local 0 of function 0 "x".
        Assert.Equal("00" + "17" + "046E616D65" + "0002016D" + "010401000166" + "0206010001000178", names);
    }

    [Fact]
    public void DeeplyNestedCodeDoesNotOverflowTheStack()
    {
        const int depth = 100_000;
        var plain = new System.Text.StringBuilder("(func ");
        for (var i = 0; i < depth; i++) plain.Append("block ");
        for (var i = 0; i < depth; i++) plain.Append("end ");
        plain.Append(')');
        Assert.NotEmpty(WatParser.ParseModule(plain.ToString()));

        var folded = new System.Text.StringBuilder("(func (result i32) ");
        for (var i = 0; i < depth; i++) folded.Append("(i32.eqz ");
        folded.Append("(i32.const 0)");
        folded.Append(')', depth);
        folded.Append(')');
        var bytes = WatParser.ParseModule(folded.ToString());
        Assert.True(bytes.Length > depth);
    }
}
