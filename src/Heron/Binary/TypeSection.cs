using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Section 1: function types (2.0), and with GC recursion groups (0x4E), subtypes (0x50, final 0x4F),
/// structs (0x5F) and arrays (0x5E).
/// </summary>
internal static class TypeSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var gc = module.Has(WasmFeatures.Gc);
        var count = reader.ReadItemCount(1);
        // A recursion group holds several types, so the count is of entries, not of types.
        var types = new List<TypeDefinition>(count);
        for (int i = 0; i < count; i++)
        {
            if (gc && reader.PeekByte() == 0x4E)
            {
                reader.Position++;
                var size = reader.ReadItemCount(1);
                var groupStart = types.Count;
                for (int j = 0; j < size; j++) types.Add(ReadSubType(ref reader, module.Features, groupStart, size));
            }
            else
            {
                types.Add(ReadSubType(ref reader, module.Features, types.Count, 1));
            }
        }
        module.Types = types.ToArray();
    }

    internal static TypeDefinition ReadSubType(ref WasmReader reader, WasmFeatures features, int groupStart, int groupSize)
    {
        var final = true;
        int[] superTypes = [];
        if ((features & WasmFeatures.Gc) != 0)
        {
            var first = reader.PeekByte();
            if (first is 0x50 or 0x4F)
            {
                reader.Position++;
                final = first == 0x4F;
                var count = reader.ReadItemCount(1);
                superTypes = count == 0 ? [] : new int[count];
                for (int i = 0; i < count; i++) superTypes[i] = reader.ReadIndex();
            }
        }

        var formOffset = reader.Position;
        var form = reader.ReadByte();
        switch (form)
        {
            case 0x60:
            {
                var parameters = ReadValueTypes(ref reader, features);
                var results = ReadValueTypes(ref reader, features);
                return new TypeDefinition
                {
                    Kind = CompositeKind.Function,
                    Function = new FunctionType(parameters, results),
                    Final = final,
                    SuperTypes = superTypes,
                    RecGroupStart = groupStart,
                    RecGroupSize = groupSize,
                };
            }
            case 0x5F when (features & WasmFeatures.Gc) != 0:
            {
                var count = reader.ReadItemCount(1);
                var fields = count == 0 ? [] : new FieldType[count];
                for (int i = 0; i < count; i++) fields[i] = ReadFieldType(ref reader, features);
                return new TypeDefinition
                {
                    Kind = CompositeKind.Struct,
                    Fields = fields,
                    Final = final,
                    SuperTypes = superTypes,
                    RecGroupStart = groupStart,
                    RecGroupSize = groupSize,
                };
            }
            case 0x5E when (features & WasmFeatures.Gc) != 0:
                return new TypeDefinition
                {
                    Kind = CompositeKind.Array,
                    Fields = [ReadFieldType(ref reader, features)],
                    Final = final,
                    SuperTypes = superTypes,
                    RecGroupStart = groupStart,
                    RecGroupSize = groupSize,
                };
            default:
                throw reader.Error((features & WasmFeatures.Gc) != 0 ? "malformed composite type" : "malformed function type", formOffset);
        }
    }

    private static ValueType[] ReadValueTypes(ref WasmReader reader, WasmFeatures features)
    {
        var count = reader.ReadItemCount(1);
        if (count == 0) return NoItems<ValueType>.Array;
        var types = new ValueType[count];
        for (int i = 0; i < count; i++) types[i] = TypeReader.ReadValueType(ref reader, features);
        return types;
    }

    private static FieldType ReadFieldType(ref WasmReader reader, WasmFeatures features)
    {
        StorageType storage;
        switch (reader.PeekByte())
        {
            case 0x78:
                reader.Position++;
                storage = new StorageType(ValueType.I32, 8);
                break;
            case 0x77:
                reader.Position++;
                storage = new StorageType(ValueType.I32, 16);
                break;
            default:
                storage = new StorageType(TypeReader.ReadValueType(ref reader, features));
                break;
        }
        return new FieldType(storage, TypeReader.ReadMutability(ref reader));
    }
}
