using Heron.Model;

namespace Heron.Runtime.Gc;

/// <summary>
/// Where each field of a struct type lives in a <see cref="GcStruct"/>: numbers and vectors at a byte offset of
/// its <see cref="GcStruct.Data"/> (packed fields take one or two bytes), references at an index of its
/// <see cref="GcStruct.Refs"/>. Fields are placed in declaration order, so a subtype (which extends its
/// supertype's fields) keeps every inherited field where the supertype has it: code compiled against the
/// supertype reads a subtype's object unchanged.
/// </summary>
internal sealed class StructLayout
{
    private StructLayout(int[] slots, int dataSize, int refCount)
    {
        Slots = slots;
        DataSize = dataSize;
        RefCount = refCount;
        ObjectBytes = GcHeap.ObjectOverhead + 8 + 16 + GcStruct.InlineBytes + GcStruct.InlineRefs * IntPtr.Size
                      + (DataSize <= GcStruct.InlineBytes ? 0 : GcHeap.ArrayOverhead + DataSize - GcStruct.InlineBytes)
                      + (RefCount <= GcStruct.InlineRefs ? 0 : GcHeap.ArrayOverhead + (long)(RefCount - GcStruct.InlineRefs) * IntPtr.Size);
    }

    /// <summary>Per field: its byte offset in the data, or its index among the references.</summary>
    public int[] Slots { get; }

    public int DataSize { get; }

    public int RefCount { get; }

    /// <summary>What one struct of this layout takes on the .NET heap, about: the object (its type, the two array
    /// references, the inline fields) and the overflow arrays it needs.</summary>
    public long ObjectBytes { get; }

    public static StructLayout Of(FieldType[] fields)
    {
        var slots = new int[fields.Length];
        int data = 0, refs = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            var storage = fields[i].Storage;
            if (storage.Type.IsReference) slots[i] = refs++;
            else
            {
                var size = SizeOf(storage);
                // A field never straddles the end of the inline bytes, so each access is in one place or the other.
                if (data < GcStruct.InlineBytes && data + size > GcStruct.InlineBytes) data = GcStruct.InlineBytes;
                slots[i] = data;
                data += size;
            }
        }
        return new StructLayout(slots, data, refs);
    }

    /// <summary>Bytes a number, vector or packed field takes.</summary>
    public static int SizeOf(StorageType storage) => storage.PackedBits switch
    {
        8 => 1,
        16 => 2,
        _ => storage.Type.Kind switch
        {
            ValueKind.I32 or ValueKind.F32 => 4,
            ValueKind.I64 or ValueKind.F64 => 8,
            ValueKind.V128 => 16,
            _ => IntPtr.Size,
        },
    };
}
