using Heron.Components.Text;

namespace Heron.Components.Tests.Text;

/// <summary>
/// Text to bytes for representative forms. The expected bytes are wasm-tools' encoding of the same text
/// (<c>jco parse</c>), whose name sections are dropped: Heron's parser emits none.
/// </summary>
public class ComponentTextTests
{
    private static void AssertEncodes(string expectedHex, string text) =>
        Assert.Equal(Convert.ToHexString(CustomSections.Strip(Convert.FromHexString(expectedHex))), Convert.ToHexString(ComponentText.Parse(text)));

    [Fact]
    public void EmptyComponentIsThePreamble() => AssertEncodes("0061736d0d000100", "(component)");

    [Fact]
    public void DefinedTypesReferToEarlierTypesById() => AssertEncodes(
        "0061736d0d000100070b027202016179016273700000160e636f6d706f6e656e742d6e616d6501050301000172",
        """(component (type $r (record (field "a" u32) (field "b" string))) (type (list $r)))""");

    [Fact]
    public void InlineTypesOfAnImportBecomeTypeDefinitionsBeforeIt() => AssertEncodes(
        "0061736d0d000100070a02707d400101780000730a06010001660101",
        """(component (import "f" (func (param "x" (list u8)) (result string))))""");

    [Fact]
    public void LiftOfAnInstanceExportAliasesItAndInlineExportsComeLast() => AssertEncodes(
        "0061736d0d000100012d0061736d010000000105016000017f03020100070501016600000a0601040041010b0009046e616d650002016d0204010000000705014000007906070100000100016608060100000000000b0701000166010000001f0e636f6d706f6e656e742d6e616d65010600110100016d0106001201000169",
        """
        (component
          (core module $m (func (export "f") (result i32) i32.const 1))
          (core instance $i (instantiate $m))
          (func (export "f") (result u32) (canon lift (core func $i "f"))))
        """);

    [Fact]
    public void AnOuterIdInAnInstanceTypeBecomesAnOuterAlias() => AssertEncodes(
        "0061736d0d0001000717027942030203020100014001016100010004000167010100160e636f6d706f6e656e742d6e616d6501050301000174",
        """(component (type $t u32) (type (instance (export "g" (func (param "a" $t))))))""");

    [Fact]
    public void ResourcesFromAnImportedInstance() => AssertEncodes(
        "0061736d0d00010007090142010400017203010a06010001690500060601030000017208030103010703016901001d0e636f6d706f6e656e742d6e616d650105030101017201050501000169",
        """
        (component
          (import "i" (instance $i (export "r" (type (sub resource)))))
          (alias export $i "r" (type $r))
          (core func (canon resource.drop $r))
          (type (own $r)))
        """);

    [Fact]
    public void AnUnknownIdIsReportedAtItsLineAndColumn()
    {
        var error = Assert.Throws<TextParseException>(() => ComponentText.Parse("(component\n  (type (list $missing)))"));
        Assert.Equal(2, error.Line);
        Assert.Equal(15, error.Column);
        Assert.Contains("unknown type $missing", error.Message);
    }

    [Fact]
    public void ErrorsInsideACoreModuleKeepTheirPositionInTheComponent()
    {
        var error = Assert.Throws<TextParseException>(() => ComponentText.Parse("(component\n  (core module\n    (func (export \"f\") i32.bogus)))"));
        Assert.Equal(3, error.Line);
        Assert.Equal(24, error.Column);
    }

    [Fact]
    public void AnUnclosedComponentIsMalformed()
    {
        var error = Assert.Throws<TextParseException>(() => ComponentText.Parse("(component (type u32)"));
        Assert.Equal(1, error.Line);
    }
}
