using Heron.Binary;
using Heron.Text;
using Heron.Model;
using Heron.Tests.Binary;

namespace Heron.Tests.Text.Printer;

/// <summary>Prints a module, parses the text, decodes the result, and says how it differs from the original.</summary>
internal static class PrintedModules
{
    /// <summary>The outcome of one round trip.</summary>
    public sealed record Outcome(string Text, WasmModule Again, string? Difference);

    public static Outcome RoundTrip(WasmModule original)
    {
        var text = WatPrinter.Print(original);
        var again = ModuleDecoder.Decode(WatParser.ParseModule(text), WasmFeatures.Wasm3);
        return new Outcome(text, again, ModuleComparer.Difference(WithoutNames(original), WithoutNames(again)));
    }

    /// <summary>The module without its name and custom sections, which the round trip does not keep.</summary>
    public static WasmModule WithoutNames(WasmModule module) => new()
    {
        Bytes = module.Bytes,
        Types = module.Types,
        Imports = module.Imports,
        FunctionTypeIndices = module.FunctionTypeIndices,
        Tables = module.Tables,
        Memories = module.Memories,
        Tags = module.Tags,
        Globals = module.Globals,
        Exports = module.Exports,
        Start = module.Start,
        Elements = module.Elements,
        DataCount = module.DataCount,
        Bodies = module.Bodies,
        Data = module.Data,
        CustomSections = [],
        Names = new NameSection(),
        ImportedFunctionCount = module.ImportedFunctionCount,
        ImportedTableCount = module.ImportedTableCount,
        ImportedMemoryCount = module.ImportedMemoryCount,
        ImportedGlobalCount = module.ImportedGlobalCount,
        ImportedTagCount = module.ImportedTagCount,
    };
}
