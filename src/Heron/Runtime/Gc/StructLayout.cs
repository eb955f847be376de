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
    }

    /// <summary>Per field: its byte offset in the data, or its index among the references.</summary>
    public int[] Slots { get; }

    public int DataSize { get; }

    public int RefCount { get; }

    /// <summary>What one struct of this layout takes on the .NET heap, about: the object and its two arrays.</summary>
    public long ObjectBytes => GcHeap.ObjectOverhead + 16 + (DataSize == 0 ? 0 : GcHeap.ArrayOverhead + DataSize)
                               + (RefCount == 0 ? 0 : GcHeap.ArrayOverhead + (long)RefCount * IntPtr.Size);

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
                slots[i] = data;
                data += SizeOf(storage);
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
