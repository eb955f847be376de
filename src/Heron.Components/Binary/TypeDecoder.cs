using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>
/// Reads component types: defined value types, function types, component and instance types with their
/// declarators, resource types, and the <c>externtype</c>s of imports and exports.
/// </summary>
internal static class TypeDecoder
{
    private const int MaxNesting = 100;

    public static DefType ReadDefType(ref WasmReader reader, WasmFeatures features, int depth)
    {
        if (depth > MaxNesting) throw reader.Error("types nested too deeply");
        var offset = reader.Position;
        var code = reader.ReadByte();
        switch (code)
        {
            case 0x40 or 0x43:
            {
                var parameters = ReadLabeledValTypes(ref reader);
                return new FuncTypeDef(offset, code == 0x43, parameters, ReadResultList(ref reader));
            }
            case 0x41:
                return new ComponentTypeDef(offset, ReadDeclarations(ref reader, features, depth, component: true));
            case 0x42:
                return new InstanceTypeDef(offset, ReadDeclarations(ref reader, features, depth, component: false));
            case 0x3f:
            {
                var representation = reader.ReadValueType();
                int? destructor = ReadOptional(ref reader, "resource destructor") ? reader.ReadIndex() : null;
                return new ResourceDef(offset, representation, destructor);
            }
            default:
                return ReadDefValType(ref reader, code, offset);
        }
    }

    private static DefType ReadDefValType(ref WasmReader reader, byte code, int offset)
    {
        if (IsPrimitive(code)) return new PrimitiveDef(offset, (PrimitiveValType)code);
        switch (code)
        {
            case 0x72:
                return new RecordDef(offset, ReadLabeledValTypes(ref reader));
            case 0x71:
            {
                var count = reader.ReadItemCount(1);
                var cases = new VariantCaseDef[count];
                for (var i = 0; i < count; i++)
                {
                    var label = reader.ReadName();
                    ValType? payload = ReadOptional(ref reader, "variant case type") ? ReadValType(ref reader) : null;
                    var zeroOffset = reader.Position;
                    var zero = reader.ReadByte();
                    if (zero != 0) throw SortDecoder.LeadingByte(ref reader, zero, "zero byte required", zeroOffset);
                    cases[i] = new VariantCaseDef(label, payload);
                }
                return new VariantDef(offset, cases);
            }
            case 0x70:
                return new ListDef(offset, ReadValType(ref reader), null);
            case 0x67:
            {
                var element = ReadValType(ref reader);
                return new ListDef(offset, element, reader.ReadCount());
            }
            case 0x6f:
            {
                var count = reader.ReadItemCount(1);
                var types = new ValType[count];
                for (var i = 0; i < count; i++) types[i] = ReadValType(ref reader);
                return new TupleDef(offset, types);
            }
            case 0x6e:
                return new FlagsDef(offset, ReadLabels(ref reader));
            case 0x6d:
                return new EnumDef(offset, ReadLabels(ref reader));
            case 0x6b:
                return new OptionDef(offset, ReadValType(ref reader));
            case 0x6a:
            {
                ValType? ok = ReadOptional(ref reader, "result type") ? ReadValType(ref reader) : null;
                ValType? error = ReadOptional(ref reader, "result error type") ? ReadValType(ref reader) : null;
                return new ResultDef(offset, ok, error);
            }
            case 0x69:
                return new OwnDef(offset, reader.ReadIndex());
            case 0x68:
                return new BorrowDef(offset, reader.ReadIndex());
            case 0x66:
                return new StreamDef(offset, ReadOptional(ref reader, "stream element type") ? ReadValType(ref reader) : null);
            case 0x65:
                return new FutureDef(offset, ReadOptional(ref reader, "future element type") ? ReadValType(ref reader) : null);
            case 0x63:
            {
                var key = ReadValType(ref reader);
                return new MapDef(offset, key, ReadValType(ref reader));
            }
            default:
                throw SortDecoder.LeadingByte(ref reader, code, "component defined type", offset);
        }
    }

    private static bool IsPrimitive(byte code) => code is >= 0x73 and <= 0x7f or 0x64;

    /// <summary>A <c>valtype</c>: a primitive's one-byte code, or a non-negative (signed LEB128) type index.</summary>
    public static ValType ReadValType(ref WasmReader reader)
    {
        var start = reader.Position;
        var first = reader.PeekByte();
        if (IsPrimitive(first))
        {
            reader.Position++;
            return ValType.Of((PrimitiveValType)first);
        }
        var value = reader.ReadS33();
        if (value < 0) throw SortDecoder.LeadingByte(ref reader, first, "component value type", start);
        if (value > int.MaxValue) throw reader.Error("integer too large", start);
        return ValType.Index((int)value);
    }

    private static IReadOnlyList<LabeledValType> ReadLabeledValTypes(ref WasmReader reader)
    {
        var count = reader.ReadItemCount(2);
        var fields = new LabeledValType[count];
        for (var i = 0; i < count; i++)
        {
            var label = reader.ReadName();
            fields[i] = new LabeledValType(label, ReadValType(ref reader));
        }
        return fields;
    }

    private static IReadOnlyList<string> ReadLabels(ref WasmReader reader)
    {
        var count = reader.ReadItemCount(1);
        var labels = new string[count];
        for (var i = 0; i < count; i++) labels[i] = reader.ReadName();
        return labels;
    }

    /// <summary>A <c>resultlist</c>: <c>0x00 t</c> for one result, <c>0x01 0x00</c> for none.</summary>
    public static ValType? ReadResultList(ref WasmReader reader)
    {
        var start = reader.Position;
        var form = reader.ReadByte();
        switch (form)
        {
            case 0x00:
                return ReadValType(ref reader);
            case 0x01:
                var countOffset = reader.Position;
                var count = reader.ReadByte();
                if (count != 0) throw SortDecoder.LeadingByte(ref reader, count, "number of results", countOffset);
                return null;
            default:
                throw SortDecoder.LeadingByte(ref reader, form, "component function results", start);
        }
    }

    /// <summary>The presence byte of <c>T?</c>: 0x00 absent, 0x01 present.</summary>
    private static bool ReadOptional(ref WasmReader reader, string what)
    {
        var start = reader.Position;
        var flag = reader.ReadByte();
        return flag switch
        {
            0 => false,
            1 => true,
            _ => throw SortDecoder.LeadingByte(ref reader, flag, what, start),
        };
    }

    private static IReadOnlyList<Declaration> ReadDeclarations(ref WasmReader reader, WasmFeatures features, int depth, bool component)
    {
        var count = reader.ReadItemCount(1);
        var declarations = new Declaration[count];
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Position;
            var kind = reader.ReadByte();
            declarations[i] = kind switch
            {
                0x00 => new CoreTypeDeclaration(offset, CoreTypeDecoder.ReadCoreDefType(ref reader, features, depth + 1)),
                0x01 => new TypeDeclaration(offset, ReadDefType(ref reader, features, depth + 1)),
                0x02 => ReadAliasDeclaration(ref reader, offset),
                0x03 when component => ReadImportDeclaration(ref reader, offset),
                0x04 => ReadExportDeclaration(ref reader, offset),
                _ => throw SortDecoder.LeadingByte(ref reader, kind, "component or instance type declaration", offset),
            };
        }
        return declarations;
    }

    private static AliasDeclaration ReadAliasDeclaration(ref WasmReader reader, int offset)
    {
        var (sort, target) = AliasDecoder.Read(ref reader);
        return new AliasDeclaration(offset, sort, target);
    }

    private static ImportDeclaration ReadImportDeclaration(ref WasmReader reader, int offset)
    {
        var name = NameDecoder.ReadExternName(ref reader);
        return new ImportDeclaration(offset, name, ReadExternDesc(ref reader));
    }

    private static ExportDeclaration ReadExportDeclaration(ref WasmReader reader, int offset)
    {
        var name = NameDecoder.ReadExternName(ref reader);
        return new ExportDeclaration(offset, name, ReadExternDesc(ref reader));
    }

    /// <summary>An <c>externtype</c>.</summary>
    public static ExternDesc ReadExternDesc(ref WasmReader reader)
    {
        var offset = reader.Position;
        var kind = reader.ReadByte();
        switch (kind)
        {
            case 0x00:
                var coreOffset = reader.Position;
                var core = reader.ReadByte();
                if (core != 0x11) throw SortDecoder.LeadingByte(ref reader, core, "component external kind", coreOffset);
                return new ExternDesc(offset, ExternDescKind.CoreModule) { TypeIndex = reader.ReadIndex() };
            case 0x01:
                return new ExternDesc(offset, ExternDescKind.Func) { TypeIndex = reader.ReadIndex() };
            case 0x02:
            {
                var boundOffset = reader.Position;
                var bound = reader.ReadByte();
                return bound switch
                {
                    0x00 => new ExternDesc(offset, ExternDescKind.Value) { ValueBoundIndex = reader.ReadIndex() },
                    0x01 => new ExternDesc(offset, ExternDescKind.Value) { ValueBoundType = ReadValType(ref reader) },
                    _ => throw SortDecoder.LeadingByte(ref reader, bound, "value bound", boundOffset),
                };
            }
            case 0x03:
            {
                var boundOffset = reader.Position;
                var bound = reader.ReadByte();
                return bound switch
                {
                    0x00 => new ExternDesc(offset, ExternDescKind.Type) { TypeIndex = reader.ReadIndex() },
                    0x01 => new ExternDesc(offset, ExternDescKind.Type) { IsSubResource = true },
                    _ => throw SortDecoder.LeadingByte(ref reader, bound, "type bound", boundOffset),
                };
            }
            case 0x04:
                return new ExternDesc(offset, ExternDescKind.Component) { TypeIndex = reader.ReadIndex() };
            case 0x05:
                return new ExternDesc(offset, ExternDescKind.Instance) { TypeIndex = reader.ReadIndex() };
            default:
                throw SortDecoder.LeadingByte(ref reader, kind, "component external kind", offset);
        }
    }
}
