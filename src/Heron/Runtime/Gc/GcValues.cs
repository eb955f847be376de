using System.Runtime.Intrinsics;
using Heron.Model;

namespace Heron.Runtime.Gc;

/// <summary>
/// Structs and arrays made from, and read as, <see cref="WasmValue"/>s: for constant expressions (evaluated at
/// instantiation) and for the host's view of GC objects. Compiled code does not come here.
/// </summary>
internal static class GcValues
{
    public static GcStruct NewStruct(CanonicalType type, ReadOnlySpan<WasmValue> values, InstanceContext context)
    {
        var created = StructAccess.New(type, context);
        for (int i = 0; i < values.Length; i++) Write(created, i, values[i]);
        return created;
    }

    public static void Write(GcStruct target, int field, WasmValue value)
    {
        var storage = target.Type.Fields[field].Storage;
        var slot = target.Type.Layout!.Slots[field];
        switch (storage.PackedBits)
        {
            case 8: StructAccess.SetI8(target, (int)value.Bits, slot); return;
            case 16: StructAccess.SetI16(target, (int)value.Bits, slot); return;
        }
        switch (storage.Type.Kind)
        {
            case ValueKind.I32 or ValueKind.F32: StructAccess.SetI32(target, (int)value.Bits, slot); break;
            case ValueKind.I64 or ValueKind.F64: StructAccess.SetI64(target, value.Bits, slot); break;
            case ValueKind.V128: StructAccess.SetV128(target, value.Vector, slot); break;
            default: StructAccess.SetRef(target, value.Reference, slot); break;
        }
    }

    /// <summary>A field's value (packed fields zero-extended), its number bits as <see cref="WasmValue.Bits"/>.</summary>
    public static WasmValue Read(GcStruct source, int field)
    {
        var storage = source.Type.Fields[field].Storage;
        var slot = source.Type.Layout!.Slots[field];
        return storage.PackedBits switch
        {
            8 => new(StructAccess.GetI8U(source, slot)),
            16 => new(StructAccess.GetI16U(source, slot)),
            _ => storage.Type.Kind switch
            {
                ValueKind.I32 or ValueKind.F32 => new(StructAccess.GetI32(source, slot)),
                ValueKind.I64 or ValueKind.F64 => new(StructAccess.GetI64(source, slot)),
                ValueKind.V128 => WasmValue.FromVector(StructAccess.GetV128(source, slot)),
                _ => new(0, StructAccess.GetRef(source, slot)),
            },
        };
    }

    /// <summary>An array of <paramref name="length"/> copies of <paramref name="fill"/>, or of the values given.</summary>
    public static GcArray NewArray(CanonicalType type, int length, WasmValue fill, InstanceContext context) =>
        NewArray(type, length, _ => fill, context);

    public static GcArray NewArray(CanonicalType type, ReadOnlySpan<WasmValue> values, InstanceContext context)
    {
        var copy = values.ToArray();
        return NewArray(type, copy.Length, i => copy[i], context);
    }

    private static GcArray NewArray(CanonicalType type, int length, Func<int, WasmValue> value, InstanceContext context)
    {
        var storage = type.Fields[0].Storage;
        return storage.PackedBits switch
        {
            8 => Make(type, length, i => (byte)value(i).Bits, context),
            16 => Make(type, length, i => (ushort)value(i).Bits, context),
            _ => storage.Type.Kind switch
            {
                ValueKind.I32 => Make(type, length, i => (int)value(i).Bits, context),
                ValueKind.I64 => Make(type, length, i => value(i).Bits, context),
                ValueKind.F32 => Make(type, length, i => BitConverter.Int32BitsToSingle((int)value(i).Bits), context),
                ValueKind.F64 => Make(type, length, i => BitConverter.Int64BitsToDouble(value(i).Bits), context),
                ValueKind.V128 => Make(type, length, i => value(i).Vector, context),
                _ => Make(type, length, i => value(i).Reference, context),
            },
        };
    }

    /// <summary>Element <paramref name="index"/> of an array (packed elements zero-extended).</summary>
    public static WasmValue ReadElement(GcArray array, int index) => array switch
    {
        GcArray<byte> a => new(a.Elements[index]),
        GcArray<ushort> a => new(a.Elements[index]),
        GcArray<int> a => new(a.Elements[index]),
        GcArray<long> a => new(a.Elements[index]),
        GcArray<float> a => new(BitConverter.SingleToInt32Bits(a.Elements[index])),
        GcArray<double> a => new(BitConverter.DoubleToInt64Bits(a.Elements[index])),
        GcArray<Vector128<byte>> a => WasmValue.FromVector(a.Elements[index]),
        GcArray<object?> a => new(0, a.Elements[index]),
        _ => throw new InvalidOperationException($"unknown array representation {array.GetType()}"),
    };

    private static GcArray<T> Make<T>(CanonicalType type, int length, Func<int, T> element, InstanceContext context)
    {
        var created = ArrayAccess<T>.NewDefault(length, type, context);
        for (int i = 0; i < length; i++) created.Elements[i] = element(i);
        return created;
    }
}
