using Heron.Model;

namespace Heron.Binary;

/// <summary>Section 11: data segments; flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory).</summary>
internal static class DataSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(1);
        var segments = new DataSegment[count];
        for (int i = 0; i < count; i++)
        {
            var flagsOffset = reader.Position;
            var flags = reader.ReadU32();
            if (flags > 2) throw reader.Error("malformed data segment kind", flagsOffset);
            var memoryIndex = flags == 2 ? reader.ReadIndex() : 0;
            var offset = flags == 1 ? default : ConstantExpression.Read(ref reader, module.Features);
            var length = reader.ReadItemCount(1);
            var data = new ByteRange(reader.Position, length);
            reader.Position += length;
            segments[i] = new DataSegment(flags == 1 ? SegmentMode.Passive : SegmentMode.Active, data)
            {
                MemoryIndex = memoryIndex, Offset = offset, Encoding = (int)flags,
            };
        }
        module.Data = segments;
    }
}
