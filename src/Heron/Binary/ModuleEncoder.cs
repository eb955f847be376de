using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Writes a <see cref="WasmModule"/> back to the binary format: sections in the specification's order,
/// custom sections after the standard section they followed, function bodies and constant expressions
/// copied from their byte ranges. Integers are written in their shortest LEB128 form, so the result
/// decodes to an equal module though not always to the same bytes.
/// </summary>
internal static class ModuleEncoder
{
    // The standard sections in the order they must appear.
    private static readonly SectionId[] Order =
    [
        SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory, SectionId.Tag,
        SectionId.Global, SectionId.Export, SectionId.Start, SectionId.Element, SectionId.DataCount,
        SectionId.Code, SectionId.Data,
    ];

    public static byte[] Encode(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var output = new WasmWriter(module.Bytes.Length + 64);
        output.WriteBytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        var content = new WasmWriter(4096);

        WriteCustomSections(output, content, module, after: 0);
        foreach (var id in Order)
        {
            var hasCustomAfter = HasCustomAfter(module, id);
            if (IsPresent(module, id) || (hasCustomAfter && CanBeEmpty(id)))
            {
                content.Clear();
                WriteSection(content, module, id);
                output.WriteByte((byte)id);
                output.WriteU32((uint)content.Length);
                output.WriteBytes(content.Written);
            }
            if (hasCustomAfter) WriteCustomSections(output, content, module, (int)id);
        }
        if (!HasNameSection(module) && HasNames(module.Names))
        {
            content.Clear();
            WriteNames(content, module.Names);
            output.WriteByte(0);
            output.WriteU32((uint)content.Length);
            output.WriteBytes(content.Written);
        }
        return output.ToArray();
    }

    private static bool IsPresent(WasmModule module, SectionId id) => id switch
    {
        SectionId.Type => module.Types.Length > 0,
        SectionId.Import => module.Imports.Length > 0,
        SectionId.Function => module.FunctionTypeIndices.Length > 0,
        SectionId.Table => module.Tables.Length > 0,
        SectionId.Memory => module.Memories.Length > 0,
        SectionId.Tag => module.Tags.Length > 0,
        SectionId.Global => module.Globals.Length > 0,
        SectionId.Export => module.Exports.Length > 0,
        SectionId.Start => module.Start.HasValue,
        SectionId.Element => module.Elements.Length > 0,
        SectionId.DataCount => module.DataCount.HasValue,
        SectionId.Code => module.Bodies.Length > 0,
        SectionId.Data => module.Data.Length > 0,
        _ => false,
    };

    // Sections that are a vector can be written empty, so a custom section keeps its place after them.
    private static bool CanBeEmpty(SectionId id) => id is not (SectionId.Start or SectionId.DataCount or SectionId.Tag);

    private static bool HasCustomAfter(WasmModule module, SectionId id)
    {
        foreach (var custom in module.CustomSections)
            if (custom.After == (int)id) return true;
        return false;
    }

    private static void WriteCustomSections(WasmWriter output, WasmWriter content, WasmModule module, int after)
    {
        foreach (var custom in module.CustomSections)
        {
            if (custom.After != after) continue;
            content.Clear();
            content.WriteName(custom.Name);
            content.WriteBytes(custom.Contents.Of(module.Bytes));
            output.WriteByte(0);
            output.WriteU32((uint)content.Length);
            output.WriteBytes(content.Written);
        }
    }

    private static void WriteSection(WasmWriter w, WasmModule module, SectionId id)
    {
        var bytes = module.Bytes;
        switch (id)
        {
            case SectionId.Type:
                WriteTypes(w, module.Types);
                break;
            case SectionId.Import:
                w.WriteU32((uint)module.Imports.Length);
                foreach (var import in module.Imports) WriteImport(w, import);
                break;
            case SectionId.Function:
                w.WriteU32((uint)module.FunctionTypeIndices.Length);
                foreach (var index in module.FunctionTypeIndices) w.WriteU32((uint)index);
                break;
            case SectionId.Table:
                w.WriteU32((uint)module.Tables.Length);
                foreach (var table in module.Tables)
                {
                    if (table.Init is { } init)
                    {
                        w.WriteByte(0x40);
                        w.WriteByte(0x00);
                        WriteTableType(w, table.Type);
                        w.WriteBytes(init.Of(bytes));
                    }
                    else
                    {
                        WriteTableType(w, table.Type);
                    }
                }
                break;
            case SectionId.Memory:
                w.WriteU32((uint)module.Memories.Length);
                foreach (var memory in module.Memories) WriteMemoryType(w, memory);
                break;
            case SectionId.Tag:
                w.WriteU32((uint)module.Tags.Length);
                foreach (var tag in module.Tags)
                {
                    w.WriteByte(0);
                    w.WriteU32((uint)tag);
                }
                break;
            case SectionId.Global:
                w.WriteU32((uint)module.Globals.Length);
                foreach (var global in module.Globals)
                {
                    WriteGlobalType(w, global.Type);
                    w.WriteBytes(global.Init.Of(bytes));
                }
                break;
            case SectionId.Export:
                w.WriteU32((uint)module.Exports.Length);
                foreach (var export in module.Exports)
                {
                    w.WriteName(export.Name);
                    w.WriteByte((byte)export.Kind);
                    w.WriteU32((uint)export.Index);
                }
                break;
            case SectionId.Start:
                w.WriteU32((uint)module.Start!.Value);
                break;
            case SectionId.Element:
                w.WriteU32((uint)module.Elements.Length);
                foreach (var segment in module.Elements) WriteElementSegment(w, segment, bytes);
                break;
            case SectionId.DataCount:
                w.WriteU32((uint)module.DataCount!.Value);
                break;
            case SectionId.Code:
                w.WriteU32((uint)module.Bodies.Length);
                foreach (var body in module.Bodies) WriteBody(w, body, bytes);
                break;
            case SectionId.Data:
                w.WriteU32((uint)module.Data.Length);
                foreach (var segment in module.Data) WriteDataSegment(w, segment, bytes);
                break;
        }
    }

    private static void WriteTypes(WasmWriter w, TypeDefinition[] types)
    {
        // Entries are recursion groups; a group of one is written as a plain type, which means the same.
        var entries = 0;
        for (int i = 0; i < types.Length; i += Math.Max(1, GroupSizeAt(types, i))) entries++;
        w.WriteU32((uint)entries);
        for (int i = 0; i < types.Length;)
        {
            var size = Math.Max(1, GroupSizeAt(types, i));
            if (size > 1)
            {
                w.WriteByte(0x4E);
                w.WriteU32((uint)size);
            }
            for (int j = i; j < i + size; j++) WriteSubType(w, types[j]);
            i += size;
        }
    }

    private static int GroupSizeAt(TypeDefinition[] types, int index)
    {
        var type = types[index];
        return type.RecGroupStart == index ? Math.Min(type.RecGroupSize, types.Length - index) : 1;
    }

    private static void WriteSubType(WasmWriter w, TypeDefinition type)
    {
        if (!type.Final || type.SuperTypes.Length > 0)
        {
            w.WriteByte(type.Final ? (byte)0x4F : (byte)0x50);
            w.WriteU32((uint)type.SuperTypes.Length);
            foreach (var super in type.SuperTypes) w.WriteU32((uint)super);
        }
        switch (type.Kind)
        {
            case CompositeKind.Function:
                var function = type.FunctionType;
                w.WriteByte(0x60);
                w.WriteU32((uint)function.Parameters.Count);
                foreach (var parameter in function.Parameters) w.WriteValueType(parameter);
                w.WriteU32((uint)function.Results.Count);
                foreach (var result in function.Results) w.WriteValueType(result);
                break;
            case CompositeKind.Struct:
                w.WriteByte(0x5F);
                w.WriteU32((uint)type.Fields.Length);
                foreach (var field in type.Fields) WriteFieldType(w, field);
                break;
            case CompositeKind.Array:
                w.WriteByte(0x5E);
                WriteFieldType(w, type.Fields[0]);
                break;
        }
    }

    private static void WriteFieldType(WasmWriter w, FieldType field)
    {
        switch (field.Storage.PackedBits)
        {
            case 8: w.WriteByte(0x78); break;
            case 16: w.WriteByte(0x77); break;
            default: w.WriteValueType(field.Storage.Type); break;
        }
        w.WriteByte(field.Mutable ? (byte)1 : (byte)0);
    }

    private static void WriteImport(WasmWriter w, Import import)
    {
        w.WriteName(import.Module);
        w.WriteName(import.Name);
        w.WriteByte((byte)import.Kind);
        switch (import.Kind)
        {
            case ExternKind.Function: w.WriteU32((uint)import.TypeIndex); break;
            case ExternKind.Table: WriteTableType(w, import.Table); break;
            case ExternKind.Memory: WriteMemoryType(w, import.Memory); break;
            case ExternKind.Global: WriteGlobalType(w, import.Global); break;
            case ExternKind.Tag:
                w.WriteByte(0);
                w.WriteU32((uint)import.TypeIndex);
                break;
        }
    }

    private static void WriteTableType(WasmWriter w, TableType type)
    {
        w.WriteValueType(type.ElementType);
        WriteLimits(w, type.Limits, shared: false, type.Is64, MemoryType.DefaultPageSizeLog2);
    }

    private static void WriteMemoryType(WasmWriter w, MemoryType type) => WriteLimits(w, type.Limits, type.Shared, type.Is64, type.PageSizeLog2);

    private static void WriteLimits(WasmWriter w, Limits limits, bool shared, bool is64, int pageSizeLog2)
    {
        var custom = pageSizeLog2 != MemoryType.DefaultPageSizeLog2;
        var flags = (limits.Maximum.HasValue ? 1 : 0) | (shared ? 2 : 0) | (is64 ? 4 : 0) | (custom ? 8 : 0);
        w.WriteByte((byte)flags);
        w.WriteU64(limits.Minimum);
        if (limits.Maximum is { } maximum) w.WriteU64(maximum);
        if (custom) w.WriteU64((ulong)pageSizeLog2);
    }

    private static void WriteGlobalType(WasmWriter w, GlobalType type)
    {
        w.WriteValueType(type.ValueType);
        w.WriteByte(type.Mutable ? (byte)1 : (byte)0);
    }

    private static void WriteElementSegment(WasmWriter w, ElementSegment segment, byte[] bytes)
    {
        var flags = ElementFlags(segment);
        w.WriteU32((uint)flags);
        if (segment.Mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0) w.WriteU32((uint)segment.TableIndex);
            w.WriteBytes(segment.Offset.Of(bytes));
        }
        if ((flags & 3) != 0)
        {
            if ((flags & 4) != 0) w.WriteValueType(segment.ElementType);
            else w.WriteByte(0x00);
        }
        if (segment.Expressions is { } expressions)
        {
            w.WriteU32((uint)expressions.Length);
            foreach (var expression in expressions) w.WriteBytes(expression.Of(bytes));
        }
        else
        {
            var functions = segment.FunctionIndices ?? [];
            w.WriteU32((uint)functions.Length);
            foreach (var function in functions) w.WriteU32((uint)function);
        }
    }

    /// <summary>The segment's own flags when they agree with its contents, else the ones that describe it.</summary>
    private static int ElementFlags(ElementSegment segment)
    {
        var expressions = segment.Expressions != null;
        var flags = segment.Encoding;
        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;
        // The short forms (0 and 4) imply table 0 and funcref.
        var shortForm = mode == SegmentMode.Active && (flags & 2) == 0;
        var agrees = flags is >= 0 and <= 7 && mode == segment.Mode && ((flags & 4) != 0) == expressions
            && (!shortForm || (segment.TableIndex == 0 && IsFunctionType(segment.ElementType, expressions)))
            && (expressions || IsFunctionType(segment.ElementType, expressions));
        if (agrees) return flags;
        var derived = segment.Mode switch { SegmentMode.Passive => 1, SegmentMode.Declarative => 3, _ => 2 };
        return derived | (expressions ? 4 : 0);
    }

    /// <summary>funcref, or for function indices also (ref func), which is what they are in 3.0.</summary>
    private static bool IsFunctionType(ValueType type, bool expressions) =>
        type == ValueType.FuncRef || (!expressions && type == ValueType.Ref(HeapType.Func, nullable: false));

    private static void WriteBody(WasmWriter w, FunctionBody body, byte[] bytes)
    {
        if (body.Encoded.Length > 0)
        {
            w.WriteU32((uint)body.Encoded.Length);
            w.WriteBytes(body.Encoded.Of(bytes));
            return;
        }
        var entry = new WasmWriter(body.Code.Length + 16);
        entry.WriteU32((uint)body.Locals.Length);
        foreach (var run in body.Locals)
        {
            entry.WriteU32(run.Count);
            entry.WriteValueType(run.Type);
        }
        entry.WriteBytes(body.Code.Of(bytes));
        w.WriteU32((uint)entry.Length);
        w.WriteBytes(entry.Written);
    }

    private static void WriteDataSegment(WasmWriter w, DataSegment segment, byte[] bytes)
    {
        var flags = segment.Mode == SegmentMode.Passive ? 1 : segment.MemoryIndex != 0 || segment.Encoding == 2 ? 2 : 0;
        w.WriteU32((uint)flags);
        if (flags == 2) w.WriteU32((uint)segment.MemoryIndex);
        if (flags != 1) w.WriteBytes(segment.Offset.Of(bytes));
        w.WriteU32((uint)segment.Data.Length);
        w.WriteBytes(segment.Data.Of(bytes));
    }

    private static bool HasNameSection(WasmModule module)
    {
        foreach (var custom in module.CustomSections)
            if (custom.Name == "name") return true;
        return false;
    }

    private static bool HasNames(NameSection names) =>
        names.ModuleName != null || names.FunctionNames.Count > 0 || names.LocalNames.Count > 0;

    /// <summary>A name section for a module built in memory (a decoded one keeps its own, copied as is).</summary>
    private static void WriteNames(WasmWriter w, NameSection names)
    {
        w.WriteName("name");
        var sub = new WasmWriter();
        if (names.ModuleName != null)
        {
            sub.WriteName(names.ModuleName);
            WriteSubsection(w, 0, sub);
        }
        if (names.FunctionNames.Count > 0)
        {
            sub.Clear();
            WriteNameMap(sub, names.FunctionNames);
            WriteSubsection(w, 1, sub);
        }
        if (names.LocalNames.Count > 0)
        {
            sub.Clear();
            var functions = new List<int>(names.LocalNames.Keys);
            functions.Sort();
            sub.WriteU32((uint)functions.Count);
            foreach (var function in functions)
            {
                sub.WriteU32((uint)function);
                WriteNameMap(sub, names.LocalNames[function]);
            }
            WriteSubsection(w, 2, sub);
        }
    }

    private static void WriteSubsection(WasmWriter w, byte id, WasmWriter contents)
    {
        w.WriteByte(id);
        w.WriteU32((uint)contents.Length);
        w.WriteBytes(contents.Written);
    }

    private static void WriteNameMap(WasmWriter w, Dictionary<int, string> map)
    {
        var indices = new List<int>(map.Keys);
        indices.Sort();
        w.WriteU32((uint)indices.Count);
        foreach (var index in indices)
        {
            w.WriteU32((uint)index);
            w.WriteName(map[index]);
        }
    }
}
