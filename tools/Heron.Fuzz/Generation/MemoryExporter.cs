using Heron.Binary;
using Heron.Model;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Exports every memory a module does not export already (as <c>heron-memory-N</c>), so the final bytes of
/// binaryen's memories are compared too: its translate-to-fuzz modules keep their memory to themselves, and what
/// the code left there would otherwise show only where it reaches a logged value. Nothing else changes.
/// </summary>
internal static class MemoryExporter
{
    private const byte ExportSection = 7;

    /// <summary>Sections that come after the export section, in the order the binary format wants.</summary>
    private static readonly byte[] AfterExports = [8, 9, 12, 10, 11];

    public static byte[] ExportAll(byte[] wasm)
    {
        WasmModule module;
        try
        {
            module = ModuleDecoder.Decode(wasm, (WasmFeatures)~0);
        }
        catch (WasmException)
        {
            return wasm;
        }
        var exported = module.Exports.Where(e => e.Kind == ExternKind.Memory).Select(e => e.Index).ToHashSet();
        var names = module.Exports.Select(e => e.Name).ToHashSet();
        var added = new List<byte[]>();
        for (var memory = 0; memory < module.MemoryCount; memory++)
        {
            var name = $"heron-memory-{memory}";
            if (exported.Contains(memory) || names.Contains(name)) continue;
            var bytes = System.Text.Encoding.UTF8.GetBytes(name);
            added.Add([.. WasmSections.Leb(bytes.Length), .. bytes, (byte)ExternKind.Memory, .. WasmSections.Leb(memory)]);
        }
        if (added.Count == 0) return wasm;

        var sections = WasmSections.Read(wasm);
        var index = sections.FindIndex(s => s.Id == ExportSection);
        if (index >= 0)
        {
            var reader = new WasmSections.Reader(sections[index].Body);
            var count = (int)reader.U32();
            sections[index] = new WasmSections.Section(ExportSection,
                [.. WasmSections.Leb(count + added.Count), .. reader.Body[reader.Position..], .. added.SelectMany(a => a)]);
        }
        else
        {
            var at = sections.FindIndex(s => AfterExports.Contains(s.Id));
            sections.Insert(at < 0 ? sections.Count : at, new WasmSections.Section(ExportSection, WasmSections.Vector(added)));
        }
        return WasmSections.Write(wasm, sections);
    }
}
