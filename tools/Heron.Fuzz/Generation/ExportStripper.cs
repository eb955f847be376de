namespace Heron.Fuzz.Generation;

/// <summary>Removes exports from a module (by their position in the export section); no index changes.</summary>
internal static class ExportStripper
{
    private const byte ExportSection = 7;

    public static byte[] Strip(byte[] wasm, IReadOnlySet<int> positions)
    {
        if (positions.Count == 0) return wasm;
        var sections = WasmSections.Read(wasm);
        var index = sections.FindIndex(s => s.Id == ExportSection);
        var reader = new WasmSections.Reader(sections[index].Body);
        var kept = new List<byte[]>();
        var count = (int)reader.U32();
        for (var position = 0; position < count; position++)
        {
            var start = reader.Position;
            reader.Skip((int)reader.U32());
            reader.Byte();
            reader.U32();
            if (!positions.Contains(position)) kept.Add(reader.Body[start..reader.Position]);
        }
        sections[index] = new WasmSections.Section(ExportSection, WasmSections.Vector(kept));
        return WasmSections.Write(wasm, sections);
    }
}
