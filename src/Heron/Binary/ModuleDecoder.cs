using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Decodes a module from the binary format into a <see cref="WasmModule"/>. It checks everything the
/// binary format requires outside function bodies (section order and sizes, LEB128 limits, UTF-8 names,
/// flag and kind bytes, matching counts); bodies are only delimited, their instructions are decoded by
/// the validator. Every failure is a <see cref="DecodeException"/> with the byte offset.
/// </summary>
internal static class ModuleDecoder
{
    private const uint Magic = 0x6D736100; // "\0asm" little-endian
    private const uint Version = 1;

    // Position of each section id (1..13) in the required order; 0 for custom sections, which go anywhere.
    // The tag section (13) sits between memory and global, the data count section (12) between element and code.
    private static ReadOnlySpan<byte> OrderOf => [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

    public static WasmModule Decode(byte[] bytes, WasmFeatures features = WasmFeatures.Wasm2)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var module = new ModuleBuilder(bytes, features);
        var reader = new WasmReader(bytes);
        ReadHeader(ref reader);

        var lastOrder = 0;
        var lastId = SectionId.Custom;
        while (!reader.AtEnd)
        {
            var idOffset = reader.Position;
            var id = reader.ReadByte();
            if (id > (byte)SectionId.Tag || (id == (byte)SectionId.Tag && !module.Has(WasmFeatures.Exceptions)))
                throw reader.Error("malformed section id", idOffset);
            var sizeOffset = reader.Position;
            var size = reader.ReadU32();
            if (size > (uint)reader.Remaining) throw reader.Error("length out of bounds", sizeOffset);
            var sectionEnd = reader.Position + (int)size;

            if (id != (byte)SectionId.Custom)
            {
                var order = OrderOf[id];
                if (order <= lastOrder) throw reader.Error("unexpected content after last section", idOffset);
                lastOrder = order;
                lastId = (SectionId)id;
            }

            reader.End = sectionEnd;
            ReadSection(ref reader, module, (SectionId)id, lastId);
            if (reader.Position != sectionEnd) throw reader.Error("section size mismatch", reader.Position);
            reader.End = bytes.Length;
        }

        if (module.Bodies.Length != module.FunctionTypeIndices.Length)
            throw reader.Error("function and code section have inconsistent lengths", bytes.Length);
        if (module.DataCount is { } dataCount && dataCount != module.Data.Length)
            throw reader.Error("data count and data section have inconsistent lengths", bytes.Length);
        return module.Build();
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        if (reader.Remaining < 4) throw reader.Error("unexpected end", reader.Remaining);
        if (BitConverter.ToUInt32(reader.ReadBytes(4)) != Magic) throw reader.Error("magic header not detected", 0);
        if (reader.Remaining < 4) throw reader.Error("unexpected end", reader.End);
        if (BitConverter.ToUInt32(reader.ReadBytes(4)) != Version) throw reader.Error("unknown binary version", 4);
    }

    private static void ReadSection(ref WasmReader reader, ModuleBuilder module, SectionId id, SectionId after)
    {
        switch (id)
        {
            case SectionId.Custom: ReadCustomSection(ref reader, module, after); break;
            case SectionId.Type: TypeSection.Read(ref reader, module); break;
            case SectionId.Import: ImportSection.Read(ref reader, module); break;
            case SectionId.Function: FunctionSection.Read(ref reader, module); break;
            case SectionId.Table: TableSection.Read(ref reader, module); break;
            case SectionId.Memory: MemorySection.Read(ref reader, module); break;
            case SectionId.Tag: TagSection.Read(ref reader, module); break;
            case SectionId.Global: GlobalSection.Read(ref reader, module); break;
            case SectionId.Export: ExportSection.Read(ref reader, module); break;
            case SectionId.Start: StartSection.Read(ref reader, module); break;
            case SectionId.Element: ElementSection.Read(ref reader, module); break;
            case SectionId.DataCount: DataCountSection.Read(ref reader, module); break;
            case SectionId.Code: CodeSection.Read(ref reader, module); break;
            case SectionId.Data: DataSection.Read(ref reader, module); break;
        }
    }

    private static void ReadCustomSection(ref WasmReader reader, ModuleBuilder module, SectionId after)
    {
        var name = reader.ReadName();
        var contents = new ByteRange(reader.Position, reader.Remaining);
        reader.Position = reader.End;
        module.CustomSections.Add(new CustomSection(name, contents) { After = (int)after });
        // The first name section wins; engines ignore later ones.
        if (name == "name" && module.Names == null) module.Names = NameSectionReader.TryRead(module.Bytes, contents);
    }
}
