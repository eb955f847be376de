using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>
/// Decodes a component binary into a <see cref="ComponentAst"/>: the preamble, then sections in any order
/// and any number, each a vector of definitions (or one core module or nested component). It checks what the
/// binary format requires (framing, LEB128 limits, UTF-8, every opcode and kind byte); what the definitions
/// mean is the validator's. Every failure is a <see cref="DecodeException"/> with the byte offset in the
/// outermost binary, worded as wasm-tools words it where the reference tests quote it.
/// </summary>
internal static class ComponentDecoder
{
    private const int MaxNesting = 100;

    public static ComponentAst Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features = WasmFeatures.Wasm3)
    {
        var context = new DecodeContext(bytes, features);
        try
        {
            var reader = new WasmReader(bytes.Span);
            return ReadComponent(ref reader, context, depth: 0);
        }
        catch (EmbeddedModuleException embedded)
        {
            throw embedded.Error;
        }
        catch (DecodeException error) when (error.Reason is "unexpected end" or "unexpected end of section or function" or "length out of bounds")
        {
            // The component format's framing words running out of input the way wasm-tools does.
            throw new DecodeException("unexpected end-of-file", error.Offset);
        }
    }

    /// <summary>Reads one component from the reader's position to its end (a whole binary or a section).</summary>
    private static ComponentAst ReadComponent(ref WasmReader reader, DecodeContext context, int depth)
    {
        if (depth > MaxNesting) throw reader.Error("components nested too deeply");
        var start = reader.Position;
        ReadPreamble(ref reader, depth > 0);
        var definitions = new List<ComponentDefinition>();
        var customSections = new List<ComponentCustomSection>();
        var componentEnd = reader.End;
        while (!reader.AtEnd)
        {
            var idOffset = reader.Position;
            var id = reader.ReadByte();
            if (id > 12) throw reader.Error("malformed section id", idOffset);
            var sizeOffset = reader.Position;
            var size = reader.ReadU32();
            if (size > (uint)reader.Remaining) throw reader.Error("unexpected end-of-file", sizeOffset);
            var sectionEnd = reader.Position + (int)size;
            reader.End = sectionEnd;
            ReadSection(ref reader, context, id, definitions, customSections, depth);
            if (reader.Position != sectionEnd) throw reader.Error("unexpected content in the section", reader.Position);
            reader.End = componentEnd;
        }
        return new ComponentAst { Definitions = definitions, CustomSections = customSections, Offset = start };
    }

    private static void ReadPreamble(ref WasmReader reader, bool nested)
    {
        var start = reader.Position;
        if (reader.Remaining < 4) throw reader.Error("unexpected end-of-file", reader.End);
        var magic = reader.ReadBytes(4);
        if (magic[0] != 0 || magic[1] != 'a' || magic[2] != 's' || magic[3] != 'm') throw reader.Error("magic header not detected", start);
        if (reader.Remaining < 4) throw reader.Error("unexpected end-of-file", reader.End);
        var version = reader.ReadBytes(4);
        if (version[2] != ComponentPreamble.ComponentLayer || version[3] != 0)
            throw reader.Error(nested ? "expected a version header for a component" : "unknown binary layer", start + 6);
        if (version[0] != ComponentPreamble.Version || version[1] != 0) throw reader.Error("unknown binary version", start + 4);
    }

    private static void ReadSection(ref WasmReader reader, DecodeContext context, byte id, List<ComponentDefinition> definitions,
        List<ComponentCustomSection> customSections, int depth)
    {
        switch (id)
        {
            case 0:
                var name = reader.ReadName();
                customSections.Add(new ComponentCustomSection(name, reader.Position, reader.Remaining));
                reader.Position = reader.End;
                break;
            case 1:
                definitions.Add(ReadCoreModule(ref reader, context));
                break;
            case 2:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) => InstanceDecoder.ReadCoreInstance(ref r), context);
                break;
            case 3:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) =>
                {
                    var offset = r.Position;
                    return new CoreTypeDefinition(offset, CoreTypeDecoder.ReadCoreDefType(ref r, c.Features, 0));
                }, context);
                break;
            case 4:
            {
                var offset = reader.Position;
                var nested = ReadComponent(ref reader, context, depth + 1);
                definitions.Add(new NestedComponentDefinition(offset, nested));
                break;
            }
            case 5:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) => InstanceDecoder.ReadInstance(ref r), context);
                break;
            case 6:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) =>
                {
                    var offset = r.Position;
                    var (sort, target) = AliasDecoder.Read(ref r);
                    return new AliasDefinition(offset, sort, target);
                }, context);
                break;
            case 7:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) =>
                {
                    var offset = r.Position;
                    return new DefTypeDefinition(offset, TypeDecoder.ReadDefType(ref r, c.Features, 0));
                }, context);
                break;
            case 8:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) => CanonDecoder.Read(ref r), context);
                break;
            case 9:
                definitions.Add(ReadStart(ref reader));
                break;
            case 10:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) =>
                {
                    var offset = r.Position;
                    var name = NameDecoder.ReadExternName(ref r);
                    return new ImportDefinition(offset, name, TypeDecoder.ReadExternDesc(ref r));
                }, context);
                break;
            case 11:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) => ReadExport(ref r), context);
                break;
            case 12:
                ReadVector(ref reader, definitions, static (ref WasmReader r, DecodeContext c) => ReadValue(ref r, c), context);
                break;
        }
    }

    private delegate ComponentDefinition ItemReader(ref WasmReader reader, DecodeContext context);

    private static void ReadVector(ref WasmReader reader, List<ComponentDefinition> definitions, ItemReader read, DecodeContext context)
    {
        var count = reader.ReadItemCount(1);
        for (var i = 0; i < count; i++) definitions.Add(read(ref reader, context));
    }

    private static CoreModuleDefinition ReadCoreModule(ref WasmReader reader, DecodeContext context)
    {
        var start = reader.Position;
        var length = reader.Remaining;
        var bytes = context.Bytes.Slice(start, length);
        var span = bytes.Span;
        // A component preamble where a module belongs: say so rather than "unknown binary version".
        if (span.Length >= 8 && span[0] == 0 && span[1] == 'a' && span[2] == 's' && span[3] == 'm' && (span[6] != 0 || span[7] != 0))
            throw reader.Error("expected a version header for a module", start + 4);
        try
        {
            var module = ModuleDecoder.Decode(span.ToArray(), context.Features);
            reader.Position = reader.End;
            return new CoreModuleDefinition(start, bytes, module);
        }
        catch (DecodeException error)
        {
            // wasm-tools words a misplaced core section "section out of order"; keep both wordings.
            var reason = error.Reason == "unexpected content after last section" ? "section out of order (unexpected content after last section)" : error.Reason;
            throw new EmbeddedModuleException(new DecodeException(reason, start + error.Offset));
        }
    }

    private static StartDefinition ReadStart(ref WasmReader reader)
    {
        var offset = reader.Position;
        var func = reader.ReadIndex();
        var count = reader.ReadItemCount(1);
        var args = new int[count];
        for (var i = 0; i < count; i++) args[i] = reader.ReadIndex();
        var results = reader.ReadCount();
        return new StartDefinition(offset, func, args, results);
    }

    private static ExportDefinition ReadExport(ref WasmReader reader)
    {
        var offset = reader.Position;
        var name = NameDecoder.ReadExternName(ref reader);
        var item = SortDecoder.ReadSortIndex(ref reader);
        var optionOffset = reader.Position;
        var ascribed = reader.ReadByte() switch
        {
            0 => null,
            1 => TypeDecoder.ReadExternDesc(ref reader),
            var other => throw SortDecoder.LeadingByte(ref reader, other, "optional component export type", optionOffset),
        };
        return new ExportDefinition(offset, name, item, ascribed);
    }

    private static ValueDefinition ReadValue(ref WasmReader reader, DecodeContext context)
    {
        var offset = reader.Position;
        var type = TypeDecoder.ReadValType(ref reader);
        var length = reader.ReadVectorLength();
        var start = reader.Position;
        reader.ReadBytes(length);
        return new ValueDefinition(offset, type, context.Bytes.Slice(start, length));
    }

    /// <summary>What every section reader may need besides the reader: the whole binary and the core features.</summary>
    private sealed record DecodeContext(ReadOnlyMemory<byte> Bytes, WasmFeatures Features);

    /// <summary>Carries an embedded core module's error past the translation of the component's own wording.</summary>
    private sealed class EmbeddedModuleException(DecodeException error) : Exception(error.Message)
    {
        public DecodeException Error { get; } = error;
    }
}
