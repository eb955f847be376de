using System.Text;
using Heron.Binary;
using Heron.Text;

namespace Heron.Tests.Text;

/// <summary>
/// The text format's custom annotations: <c>@custom</c> makes custom sections where it says, <c>@name</c> names
/// the module, functions and tags, branch hints make the hint section; bad ones are dropped by an ordinary
/// parse and rejected by one that checks them (the <c>_custom</c> script assertions).
/// </summary>
public sealed class AnnotationTests
{
    private static Heron.Model.WasmModule Decode(string text) =>
        ModuleDecoder.Decode(WatParser.ParseModule(text), WasmFeatures.Wasm3);

    private static byte[] Contents(Heron.Model.WasmModule module, Heron.Model.CustomSection section) =>
        module.Bytes.AsSpan(section.Contents.Start, section.Contents.Length).ToArray();

    [Fact]
    public void Custom_sections_go_where_their_placement_says_in_text_order()
    {
        var module = Decode("""
            (module
              (type (func))
              (@custom "last" "z")
              (@custom "before-global" (before global) "b1")
              (func)
              (@custom "after-func" (after func) "f")
              (@custom "before-global" (before global) "b2")
              (@custom "first" (before first) "a" "" "bc")
              (global i32 (i32.const 0)))
            """);
        // After: the id of the standard section each one followed (0: none yet).
        var placed = module.CustomSections.Select(s => (s.Name, s.After, Encoding.UTF8.GetString(Contents(module, s)))).ToArray();
        Assert.Equal([("first", 0, "abc"), ("after-func", 3, "f"), ("before-global", 3, "b1"), ("before-global", 3, "b2"), ("last", 10, "z")], placed);
    }

    [Fact]
    public void Name_annotations_name_the_module_functions_and_tags()
    {
        var module = Decode("""
            (module $m (@name "Modül")
              (import "env" "f" (func $imported (@name "ïmported")))
              (func $lambda (@name "λ"))
              (func)
              (tag (@name "θ")))
            """);
        Assert.Equal("Modül", module.Names.ModuleName);
        Assert.Equal("ïmported", module.Names.FunctionNames[0]);
        Assert.Equal("λ", module.Names.FunctionNames[1]);
        Assert.False(module.Names.FunctionNames.ContainsKey(2));
    }

    [Fact]
    public void Branch_hints_record_the_offset_of_each_hinted_if_and_br_if_in_its_body()
    {
        var module = Decode("""
            (module
              (func)
              (func (param i32) (local i64)
                (@metadata.code.branch_hint "\01")
                (if (local.get 0) (then (nop)))
                (block
                  local.get 0
                  (@metadata.code.branch_hint "\00") br_if 0)))
            """);
        var section = Assert.Single(module.CustomSections, s => s.Name == "metadata.code.branch_hint");
        // One function (1) with two hints. The body starts with its locals (01 01 7e); the if follows
        // local.get 0 (20 00) at offset 5; then nop, end, block (02 40) and local.get 0 put the br_if at 13.
        Assert.Equal(new byte[] { 1, 1, 2, 5, 1, 1, 13, 1, 0 }, Contents(module, section));
    }

    [Theory]
    [InlineData("(module (@custom))", false)]
    [InlineData("(module (@custom \"c\" (before types)))", false)]
    [InlineData("(module (func (@custom \"c\")))", false)]
    [InlineData("(module (func) (@name \"M\"))", false)]
    [InlineData("(module (@name \"A\") (@name \"B\"))", false)]
    [InlineData("(module (@metadata.code.branch_hint \"\\00\") (func))", false)]
    [InlineData("(module (func (@metadata.code.branch_hint \"\\00\") (@metadata.code.branch_hint \"\\00\") (if (i32.const 0) (then))))", false)]
    [InlineData("(module (func (@metadata.code.branch_hint \"\\00\") (nop)))", true)]
    public void A_bad_annotation_is_dropped_unless_the_parse_checks_annotations(string text, bool invalid)
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(text), WasmFeatures.Wasm3);
        Assert.DoesNotContain(module.CustomSections, s => s.Name is "c" or "metadata.code.branch_hint");
        var error = Assert.Throws<CustomAnnotationException>(() => ModuleParser.Parse(text, 1, 1, emitNames: false, checkAnnotations: true));
        Assert.Equal(invalid, error.Invalid);
    }

    [Fact]
    public void The_custom_assertions_pass_only_for_the_kind_of_error_they_name()
    {
        const string script = """
            (assert_malformed_custom (module quote "(@custom 4)") "missing section name")
            (assert_invalid_custom (module (func (@metadata.code.branch_hint "\01") (nop))) "invalid target")
            (assert_malformed_custom (module quote "(@custom \"fine\")") "wrongly expected")
            (assert_invalid_custom (module quote "(@custom)") "malformed, not invalid")
            """;
        var result = new Heron.Wast.WastRunner(WasmFeatures.Wasm3).RunText(script, "custom.wast");
        Assert.Equal((2, 2, 0), (result.Passed, result.Failed, result.Skipped));
    }
}
