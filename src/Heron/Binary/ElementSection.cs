using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Section 9: element segments. The flags (0 to 7) combine three bits: bit 0 passive or declarative
/// (bit 1 then picks declarative), bit 1 on an active segment an explicit table index, bit 2 items given
/// as constant expressions (with a reference type) instead of function indices (with an element kind byte).
/// </summary>
internal static class ElementSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(1);
        var segments = new ElementSegment[count];
        for (int i = 0; i < count; i++) segments[i] = ReadSegment(ref reader, module.Features);
        module.Elements = segments;
    }

    private static ElementSegment ReadSegment(ref WasmReader reader, WasmFeatures features)
    {
        var flagsOffset = reader.Position;
        var flags = reader.ReadU32();
        if (flags > 7) throw reader.Error("malformed elements segment kind", flagsOffset);

        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;
        var tableIndex = 0;
        var offset = default(ByteRange);
        if (mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0) tableIndex = reader.ReadIndex();
            offset = ConstantExpression.Read(ref reader, features);
        }

        var expressions = (flags & 4) != 0;
        // Function indices are never null: with typed references (3.0) such a segment is (ref func), so
        // it may initialise a table of (ref func).
        var elementType = expressions || (features & WasmFeatures.FunctionReferences) == 0
            ? ValueType.FuncRef
            : ValueType.Ref(HeapType.Func, nullable: false);
        if ((flags & 3) != 0)
        {
            if (expressions)
            {
                elementType = TypeReader.ReadReferenceType(ref reader, features);
            }
            else
            {
                var kindOffset = reader.Position;
                if (reader.ReadByte() != 0) throw reader.Error("malformed elements segment kind", kindOffset);
            }
        }

        var itemCount = reader.ReadItemCount(1);
        if (expressions)
        {
            var items = itemCount == 0 ? [] : new ByteRange[itemCount];
            for (int i = 0; i < itemCount; i++) items[i] = ConstantExpression.Read(ref reader, features);
            return new ElementSegment(mode, elementType)
            {
                TableIndex = tableIndex, Offset = offset, Expressions = items, Encoding = (int)flags,
            };
        }
        var functions = itemCount == 0 ? [] : new int[itemCount];
        for (int i = 0; i < itemCount; i++) functions[i] = reader.ReadIndex();
        return new ElementSegment(mode, elementType)
        {
            TableIndex = tableIndex, Offset = offset, FunctionIndices = functions, Encoding = (int)flags,
        };
    }
}
