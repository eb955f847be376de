using Heron.Components.Binary;
using Heron.Components.Validation;
using Heron.Components.Wit;

namespace Heron.Components.Tests.Wit;

public class WitPrinterTests
{
    private static string Print(string fixture) =>
        WitPrinter.Print(ComponentValidator.Validate(ComponentDecoder.Decode(File.ReadAllBytes(Path.Combine(SharedData.Require("component-fixtures"), fixture)))));

    /// <summary>The world printed first is the one `jco wit` printed for each fixture, line for line.</summary>
    [Fact]
    public void EveryFixtureWorldIsPrintedAsJcoPrintsIt()
    {
        var folder = SharedData.Require("component-fixtures");
        var mismatches = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.wasm"))
        {
            var expected = File.ReadAllText(Path.Combine(folder, "wit", Path.GetFileNameWithoutExtension(file) + ".wit")).Trim();
            var printed = Print(Path.GetFileName(file));
            var world = printed[..(printed.IndexOf("\n}\n", StringComparison.Ordinal) + 2)].Trim();
            if (world != expected) mismatches.Add($"{Path.GetFileName(file)}:\n{world}\n--- expected:\n{expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
    }

    [Fact]
    public void InterfacesArePrintedPerPackageWithTheirTypesAndResources()
    {
        var printed = Print("example_guest_export.wasm");
        Assert.Contains("package example:component@0.1.0 {", printed);
        Assert.Contains("interface backend {", printed);
        Assert.Contains("resource scalars {", printed);
        Assert.Contains("constructor();", printed);
        Assert.Contains("get-a: static func() -> u32;", printed);
        Assert.Contains("get-b: func() -> u32;", printed);
        Assert.Contains("scalar-arg: func(x: borrow<scalars>) -> u32;", printed);
        Assert.Contains("fetch: func(url: string) -> list<u8>;", printed);
    }

    [Fact]
    public void ATypeFromAnotherInterfaceIsUsedByName()
    {
        var printed = Print("hello_stdout.component.wasm");
        Assert.Contains("package wasi:cli@0.2.3 {", printed);
        Assert.Contains("use wasi:io/streams@0.2.3.{output-stream};", printed);
        Assert.Contains("get-stdout: func() -> output-stream;", printed);
        var aliased = Print("resource_alias.component.wasm");
        // e2 uses e1's resource under another name, and its record and functions say so.
        Assert.Contains("use e1.{x as y};", aliased);
        Assert.Contains("a: func(f: foo, g: bar, h: borrow<y>) -> list<y>;", aliased);
        Assert.Contains("x: y,", aliased);
    }
}
