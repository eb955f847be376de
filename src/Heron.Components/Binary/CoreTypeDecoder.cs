using Heron.Binary;
using Heron.Components.Model;
using Heron.Model;

namespace Heron.Components.Binary;

/// <summary>
/// Reads a <c>core:deftype</c>: a core module type (0x50), or a core type as Heron's core decoder reads one.
/// Because 0x50 means a module type here, a non-final core subtype is written <c>0x00 0x50</c>.
/// </summary>
internal static class CoreTypeDecoder
{
    private const int MaxNesting = 100;

    public static CoreDefType ReadCoreDefType(ref WasmReader reader, WasmFeatures features, int depth)
    {
        if (depth > MaxNesting) throw reader.Error("types nested too deeply");
        var offset = reader.Position;
        var first = reader.PeekByte();
        switch (first)
        {
            case 0x50:
                reader.Position++;
                return new CoreModuleTypeDef(offset, ReadModuleDeclarations(ref reader, features, depth));
            case 0x4E when (features & WasmFeatures.Gc) != 0:
            {
                reader.Position++;
                var size = reader.ReadItemCount(1);
                var types = new TypeDefinition[size];
                for (var i = 0; i < size; i++) types[i] = TypeSection.ReadSubType(ref reader, features, 0, size);
                return new CoreRecGroup(offset, types);
            }
            case 0x00:
            {
                reader.Position++;
                var next = reader.PeekByte();
                if (next != 0x50) throw SortDecoder.LeadingByte(ref reader, next, "core type", reader.Position);
                return new CoreRecGroup(offset, [TypeSection.ReadSubType(ref reader, features, 0, 1)]);
            }
            default:
                return new CoreRecGroup(offset, [TypeSection.ReadSubType(ref reader, features, 0, 1)]);
        }
    }

    private static IReadOnlyList<CoreModuleDeclaration> ReadModuleDeclarations(ref WasmReader reader, WasmFeatures features, int depth)
    {
        var count = reader.ReadItemCount(1);
        var declarations = new CoreModuleDeclaration[count];
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Position;
            var kind = reader.ReadByte();
            switch (kind)
            {
                case 0x00:
                {
                    var module = reader.ReadName();
                    var name = reader.ReadName();
                    declarations[i] = new CoreImportDeclaration(offset, module, name, ReadCoreExternDesc(ref reader, features));
                    break;
                }
                case 0x01:
                    declarations[i] = new CoreTypeInModuleDeclaration(offset, ReadCoreDefType(ref reader, features, depth + 1));
                    break;
                case 0x02:
                {
                    var sortOffset = reader.Position;
                    var sort = reader.ReadByte();
                    if (sort != 0x10) throw SortDecoder.LeadingByte(ref reader, sort, "outer alias kind", sortOffset);
                    var targetOffset = reader.Position;
                    var target = reader.ReadByte();
                    if (target != 0x01) throw SortDecoder.LeadingByte(ref reader, target, "outer alias target", targetOffset);
                    var outerCount = reader.ReadIndex();
                    declarations[i] = new CoreOuterAliasDeclaration(offset, outerCount, reader.ReadIndex());
                    break;
                }
                case 0x03:
                {
                    var name = reader.ReadName();
                    declarations[i] = new CoreExportDeclaration(offset, name, ReadCoreExternDesc(ref reader, features));
                    break;
                }
                default:
                    throw SortDecoder.LeadingByte(ref reader, kind, "type definition", offset);
            }
        }
        return declarations;
    }

    /// <summary>A core <c>externtype</c> (an import's description).</summary>
    private static CoreExternDesc ReadCoreExternDesc(ref WasmReader reader, WasmFeatures features)
    {
        var start = reader.Position;
        var kind = reader.ReadByte();
        return kind switch
        {
            0 => new CoreExternDesc(ExternKind.Function) { TypeIndex = reader.ReadIndex() },
            1 => new CoreExternDesc(ExternKind.Table) { Table = TypeReader.ReadTableType(ref reader, features) },
            2 => new CoreExternDesc(ExternKind.Memory) { Memory = TypeReader.ReadMemoryType(ref reader, features) },
            3 => new CoreExternDesc(ExternKind.Global) { Global = TypeReader.ReadGlobalType(ref reader, features) },
            4 => new CoreExternDesc(ExternKind.Tag) { TypeIndex = TypeReader.ReadTagType(ref reader) },
            _ => throw reader.Error("malformed import kind", start),
        };
    }
}
