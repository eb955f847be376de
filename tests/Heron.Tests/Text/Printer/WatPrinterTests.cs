using System.Text;
using Heron.Binary;
using Heron.Model;
using Heron.Text;

namespace Heron.Tests.Text.Printer;

public sealed class WatPrinterTests
{
    private static WasmModule Decode(string wat) =>
        ModuleDecoder.Decode(WatParser.ParseModule(wat, 1, 1, emitNames: true), WasmFeatures.Wasm3);

    private static string Print(string wat) => WatPrinter.Print(Decode(wat));

    /// <summary>Prints the module and checks that the text parses back to the same module.</summary>
    private static string PrintAndRoundTrip(string wat)
    {
        var outcome = PrintedModules.RoundTrip(Decode(wat));
        Assert.True(outcome.Difference == null, $"differs in {outcome.Difference}:\n{outcome.Text}");
        return outcome.Text;
    }

    [Fact]
    public void Float_constants_print_exactly_with_their_decimal_value_in_a_comment()
    {
        var text = PrintAndRoundTrip("""
            (module (func
              f32.const 1.5 drop
              f32.const -0 drop
              f32.const 0.1 drop
              f32.const 0x1p-149 drop
              f64.const 0.1 drop
              f64.const 1e300 drop
              f64.const 0x1p-1074 drop
              f64.const -inf drop))
            """);
        Assert.Contains("f32.const 0x1.8p+0 (;=1.5;)", text);
        Assert.Contains("f32.const -0x0p+0 (;=-0;)", text);
        Assert.Contains("f32.const 0x1.99999ap-4 (;=0.1;)", text);
        Assert.Contains("f32.const 0x0.000002p-126", text);
        Assert.Contains("f64.const 0x1.999999999999ap-4 (;=0.1;)", text);
        Assert.Contains("f64.const 0x0.0000000000001p-1022", text);
        Assert.Contains("f64.const -inf\n", text);
    }

    [Fact]
    public void Nan_payloads_and_signs_survive()
    {
        var text = PrintAndRoundTrip("""
            (module (func
              f32.const nan drop
              f32.const -nan drop
              f32.const nan:0x1 drop
              f32.const -nan:0x7fffff drop
              f64.const nan:0x8000000000000 drop
              f64.const nan:0x4000000000000 drop
              f64.const nan:0xdeadbeef drop))
            """);
        Assert.Contains("f32.const nan\n", text);
        Assert.Contains("f32.const -nan\n", text);
        Assert.Contains("f32.const nan:0x1\n", text);
        Assert.Contains("f32.const -nan:0x7fffff\n", text);
        Assert.Contains("f64.const nan\n", text);
        Assert.Contains("f64.const nan:0x4000000000000\n", text);
        Assert.Contains("f64.const nan:0xdeadbeef\n", text);
    }

    [Fact]
    public void Every_float_bit_pattern_parses_back_to_itself()
    {
        var random = new Random(42);
        Span<byte> buffer = stackalloc byte[8];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            var bits64 = BitConverter.ToUInt64(buffer);
            Assert.Equal(NumberParser.Status.Ok, FloatParser.ParseF64(FloatFormatter.FormatF64(bits64), out var back64));
            Assert.Equal(bits64, back64);
            var bits32 = (uint)bits64;
            Assert.Equal(NumberParser.Status.Ok, FloatParser.ParseF32(FloatFormatter.FormatF32(bits32), out var back32));
            Assert.Equal(bits32, back32);
        }
    }

    [Fact]
    public void Strings_escape_every_byte_that_is_not_plain_printable_ascii()
    {
        Assert.Equal("\"a\\00\\01\\22\\5c\\7f\\ff~ \"", StringEscaper.Escape([(byte)'a', 0, 1, (byte)'"', (byte)'\\', 0x7F, 0xFF, (byte)'~', (byte)' ']));
        var text = PrintAndRoundTrip("""(module (memory 1) (data (i32.const 0) "tab\there \"quoted\" back\\slash \u{e9}\00\ff"))""");
        Assert.Contains("\"tab\\09here \\22quoted\\22 back\\5cslash \\c3\\a9\\00\\ff\"", text);
    }

    [Fact]
    public void Import_and_export_names_are_escaped_as_utf8_bytes()
    {
        var text = PrintAndRoundTrip("""(module (import "m\u{1F600}" "a\"b" (func)) (export "\u{e9}t\u{e9}" (func 0)))""");
        Assert.Contains("(import \"m\\f0\\9f\\98\\80\" \"a\\22b\" (func (;0;) (type 0)))", text);
        Assert.Contains("(export \"\\c3\\a9t\\c3\\a9\" (func 0))", text);
    }

    [Fact]
    public void Names_become_ids_only_when_valid_and_unique()
    {
        var bytes = WatParser.ParseModule("(module (func) (func) (func) (func (param i32) (local i32) call 0 call 1 call 2))");
        var names = new NameSectionBuilder()
            .Function(0, "hello world").Function(1, "dup").Function(2, "dup").Function(3, "ok.name")
            .Local(3, 0, "").Local(3, 1, "x");
        var module = ModuleDecoder.Decode([.. bytes, .. names.Build()]);
        var text = WatPrinter.Print(module);
        Assert.Contains("(func (;0;) (type 0)\n", text);
        Assert.Contains("(func $dup (;1;) (type 0)\n", text);
        Assert.Contains("(func (;2;) (type 0)\n", text);
        Assert.Contains("(func $ok.name (;3;) (type 1) (param i32)\n", text);
        Assert.Contains("(local $x i32)", text);
        Assert.Contains("    call 0\n    call $dup\n    call 2\n", text);
        var again = ModuleDecoder.Decode(WatParser.ParseModule(text));
        Assert.Null(Heron.Tests.Binary.ModuleComparer.Difference(PrintedModules.WithoutNames(module), PrintedModules.WithoutNames(again)));
    }

    [Fact]
    public void Names_from_the_text_are_printed_back_as_ids()
    {
        var text = PrintAndRoundTrip("""
            (module $m
              (func $f (param $p i32) (local $l i64) (local i32 i32)
                local.get $p
                local.set 3
                call $f))
            """);
        Assert.StartsWith("(module $m\n", text);
        Assert.Contains("(func $f (;0;) (type 0) (param $p i32)\n    (local $l i64) (local i32 i32)\n", text);
        Assert.Contains("    local.get $p\n    local.set 3\n    i32.const", text.Replace("call $f", "i32.const"));
    }

    [Fact]
    public void Empty_and_nested_blocks_indent_by_depth_and_name_their_depth()
    {
        var text = PrintAndRoundTrip("""
            (module (func (param i32)
              block
              end
              loop $l
                block
                  local.get 0
                  br_if 1
                  br 0
                end
              end
              local.get 0
              if
              else
              end))
            """);
        Assert.Contains("""
                block  ;; label = @1
                end
                loop  ;; label = @1
                  block  ;; label = @2
                    local.get 0
                    br_if 1
                    br 0
                  end
                end
                local.get 0
                if  ;; label = @1
                else
                end
              )
            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void Multi_value_block_types_print_as_type_uses()
    {
        var text = PrintAndRoundTrip("""
            (module (func (result i32 i32)
              i32.const 1
              block (param i32) (result i32 i32)
                i32.const 2
              end
              block (result i64)
                i64.const 3
              end
              drop))
            """);
        Assert.Contains("block (type 1)  ;; label = @1", text);
        Assert.Contains("block (result i64)  ;; label = @1", text);
    }

    [Fact]
    public void Immediates_print_from_their_kinds()
    {
        var text = PrintAndRoundTrip("""
            (module
              (type $t (func (param i32) (result i32)))
              (table 2 funcref)
              (table $u 1 externref)
              (memory 1)
              (func (param i32) (result i32)
                local.get 0
                i32.load
                i32.load offset=16
                i32.load8_u offset=1 align=1
                i64.load align=4
                drop
                local.get 0
                i32.const 0
                call_indirect (type $t)
                local.get 0
                call_indirect $u (type $t)
                i32.const 0
                select (result i32)
                ref.null extern
                drop
                block
                  local.get 0
                  br_table 0 0 0
                end
                v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
                v128.const i32x4 0 0 0 0
                i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
                i32x4.extract_lane 3
                drop
                local.get 0
                v128.load32_lane offset=8 2
                drop
                i64.const -9223372036854775808
                drop
                i32.const -2147483648))
            """);
        Assert.Contains("    i32.load\n", text);
        Assert.Contains("    i32.load offset=16\n", text);
        Assert.Contains("    i32.load8_u offset=1\n", text);
        Assert.Contains("    i64.load align=4\n", text);
        Assert.Contains("    call_indirect (type 0)\n", text);
        Assert.Contains("    call_indirect 1 (type 0)\n", text);
        Assert.Contains("    select (result i32)\n", text);
        Assert.Contains("    ref.null extern\n", text);
        Assert.Contains("      br_table 0 0 0\n", text);
        Assert.Contains("    v128.const i32x4 0x04030201 0x08070605 0x0c0b0a09 0x100f0e0d\n", text);
        Assert.Contains("    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31\n", text);
        Assert.Contains("    i32x4.extract_lane 3\n", text);
        Assert.Contains("    v128.load32_lane offset=8 2\n", text);
        Assert.Contains("    i64.const -9223372036854775808\n", text);
        Assert.Contains("    i32.const -2147483648\n", text);
    }

    [Fact]
    public void Segments_print_in_every_mode()
    {
        var text = PrintAndRoundTrip("""
            (module
              (table $t0 4 funcref)
              (table $t1 4 funcref)
              (table $t2 4 externref)
              (memory 1)
              (memory 1)
              (global $g i32 (i32.const 1))
              (func $f)
              (elem (i32.const 0) $f $f)
              (elem (table $t1) (offset global.get $g i32.const 1 i32.add) func $f)
              (elem func $f)
              (elem declare func $f)
              (elem (i32.const 2) funcref (ref.null func) (ref.func $f))
              (elem (table $t2) (i32.const 0) externref (ref.null extern))
              (elem funcref (item ref.null func))
              (data (i32.const 0) "a")
              (data (memory 1) (i32.const 0) "b")
              (data "passive"))
            """.Replace("(memory 1)\n  (memory 1)", "(memory 1)"));
        Assert.Contains("(elem (;0;) (i32.const 0) func $f $f)", text);
        Assert.Contains("(elem (;1;) (table 1) (offset global.get 0 i32.const 1 i32.add) func $f)", text);
        Assert.Contains("(elem (;2;) func $f)", text);
        Assert.Contains("(elem (;3;) declare func $f)", text);
        Assert.Contains("(elem (;4;) (i32.const 2) funcref (ref.null func) (ref.func $f))", text);
        Assert.Contains("(elem (;5;) (table 2) (i32.const 0) externref (ref.null extern))", text);
        Assert.Contains("(elem (;6;) funcref (ref.null func))", text);
        Assert.Contains("(data (;0;) (i32.const 0) \"a\")", text);
        Assert.Contains("(data (;2;) \"passive\")", text);
    }

    [Fact]
    public void Gc_types_print_with_rec_groups_and_subtyping()
    {
        var wat = """
            (module
              (rec
                (type $a (sub (struct (field i32) (field (mut (ref null $b))))))
                (type $b (sub final $a (struct (field i32) (field (mut (ref null $b))) (field i8)))))
              (type $arr (array (mut i16)))
              (func (param (ref null $arr)) (result anyref)
                ref.null none))
            """;
        var module = ModuleDecoder.Decode(WatParser.ParseModule(wat), WasmFeatures.Wasm3);
        var text = WatPrinter.Print(module);
        Assert.Contains("  (rec\n    (type (;0;) (sub (struct (field i32) (field (mut (ref null 1))))))\n"
            + "    (type (;1;) (sub final 0 (struct (field i32) (field (mut (ref null 1))) (field i8))))\n  )\n", text);
        Assert.Contains("(type (;2;) (array (mut i16)))", text);
        Assert.Contains("(param (ref null 2)) (result anyref)", text);
        Assert.Contains("    ref.null none\n", text);
        var again = ModuleDecoder.Decode(WatParser.ParseModule(text), WasmFeatures.Wasm3);
        Assert.Null(Heron.Tests.Binary.ModuleComparer.Difference(module, again));
    }

    [Fact]
    public void Imports_globals_and_memories_print_their_types()
    {
        var text = PrintAndRoundTrip("""
            (module
              (import "env" "f" (func (param i64) (result f32)))
              (import "env" "t" (table 1 2 funcref))
              (import "env" "m" (memory 1 2))
              (import "env" "g" (global (mut i32)))
              (global (mut f64) (f64.const 2))
              (global externref (ref.null extern))
              (start 0)
              (export "g" (global 0)))
            """.Replace("(start 0)", "(func) (start 1)"));
        Assert.Contains("(import \"env\" \"f\" (func (;0;) (type 0) (param i64) (result f32)))", text);
        Assert.Contains("(import \"env\" \"t\" (table (;0;) 1 2 funcref))", text);
        Assert.Contains("(import \"env\" \"m\" (memory (;0;) 1 2))", text);
        Assert.Contains("(import \"env\" \"g\" (global (;0;) (mut i32)))", text);
        Assert.Contains("(global (;1;) (mut f64) (f64.const 0x1p+1 (;=2;)))", text);
        Assert.Contains("(global (;2;) externref (ref.null extern))", text);
        Assert.Contains("(start 1)", text);
        Assert.Contains("(export \"g\" (global 0))", text);
    }

    /// <summary>Writes a name section by hand, to give names the text format could never produce.</summary>
    private sealed class NameSectionBuilder
    {
        private readonly List<(int, string)> functions = [];
        private readonly List<(int, int, string)> locals = [];

        public NameSectionBuilder Function(int index, string name) { functions.Add((index, name)); return this; }

        public NameSectionBuilder Local(int function, int index, string name) { locals.Add((function, index, name)); return this; }

        public byte[] Build()
        {
            var sub1 = new List<byte>();
            U32(sub1, functions.Count);
            foreach (var (index, name) in functions) { U32(sub1, index); Name(sub1, name); }
            var sub2 = new List<byte>();
            var byFunction = locals.GroupBy(l => l.Item1).ToList();
            U32(sub2, byFunction.Count);
            foreach (var group in byFunction)
            {
                U32(sub2, group.Key);
                U32(sub2, group.Count());
                foreach (var (_, index, name) in group) { U32(sub2, index); Name(sub2, name); }
            }
            var contents = new List<byte>();
            Name(contents, "name");
            contents.Add(1); U32(contents, sub1.Count); contents.AddRange(sub1);
            contents.Add(2); U32(contents, sub2.Count); contents.AddRange(sub2);
            var section = new List<byte> { 0 };
            U32(section, contents.Count);
            section.AddRange(contents);
            return [.. section];
        }

        private static void Name(List<byte> output, string name)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            U32(output, bytes.Length);
            output.AddRange(bytes);
        }

        private static void U32(List<byte> output, int value)
        {
            var v = (uint)value;
            do
            {
                var b = (byte)(v & 0x7F);
                v >>= 7;
                output.Add(v != 0 ? (byte)(b | 0x80) : b);
            } while (v != 0);
        }
    }
}
