namespace Heron.Fuzz.Generation;

/// <summary>
/// Rewrites binaryen's tag imports (<c>fuzzing-support.wasmtag</c> and <c>jstag</c>) into tag definitions:
/// Wasmtime's .NET API cannot create tags. Imports come first in the tag index space, so prepending the
/// definitions keeps every index. (Global imports stay imports, which both sides define: a defined global
/// could not stand in for them in the constant expressions that read them.)
/// </summary>
internal static class ImportDefiner
{
    private const byte ImportSection = 2, TagSection = 13, GlobalSection = 6;

    public static byte[] DefineTags(byte[] wasm)
    {
        var sections = WasmSections.Read(wasm);
        var importIndex = sections.FindIndex(s => s.Id == ImportSection);
        if (importIndex < 0) return wasm;

        var reader = new WasmSections.Reader(sections[importIndex].Body);
        var kept = new List<byte[]>();
        var tags = new List<byte[]>();
        for (var count = reader.U32(); count > 0; count--)
        {
            var start = reader.Position;
            reader.Skip((int)reader.U32());
            reader.Skip((int)reader.U32());
            var kind = reader.Byte();
            var descriptorStart = reader.Position;
            switch (kind)
            {
                case 0: reader.U32(); break;
                case 1: reader.ValueType(); reader.Limits(); break;
                case 2: reader.Limits(); break;
                case 3: reader.ValueType(); reader.Byte(); break;
                case 4: reader.Byte(); reader.U32(); break;
                default: return wasm;
            }
            if (kind == 4) tags.Add(reader.Body[descriptorStart..reader.Position]);
            else kept.Add(reader.Body[start..reader.Position]);
        }
        if (tags.Count == 0) return wasm;

        sections[importIndex] = new WasmSections.Section(ImportSection, WasmSections.Vector(kept));
        var tagIndex = sections.FindIndex(s => s.Id == TagSection);
        if (tagIndex >= 0)
        {
            var tagReader = new WasmSections.Reader(sections[tagIndex].Body);
            var count = (int)tagReader.U32();
            var rest = tagReader.Body[tagReader.Position..];
            sections[tagIndex] = new WasmSections.Section(TagSection, [.. WasmSections.Leb(tags.Count + count), .. tags.SelectMany(t => t), .. rest]);
        }
        else
        {
            // The tag section goes after the memory section and before the global section (or what follows it).
            byte[] later = [GlobalSection, 7, 8, 9, 12, 10, 11];
            var at = sections.FindIndex(s => later.Contains(s.Id));
            sections.Insert(at < 0 ? sections.Count : at, new WasmSections.Section(TagSection, WasmSections.Vector(tags)));
        }
        return WasmSections.Write(wasm, sections);
    }
}
