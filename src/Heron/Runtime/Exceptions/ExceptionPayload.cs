namespace Heron.Runtime.Exceptions;

/// <summary>Conversions between an exception's payload slots and public <see cref="Value"/>s.</summary>
internal static class ExceptionPayload
{
    public static ExceptionSlot ToSlot(Value value, ValueType type)
    {
        var slot = default(ExceptionSlot);
        switch (type.Kind)
        {
            case ValueKind.I32: slot.I32 = value.AsI32(); break;
            case ValueKind.I64: slot.I64 = value.AsI64(); break;
            case ValueKind.F32: slot.I32 = (int)value.AsF32Bits(); break;
            case ValueKind.F64: slot.I64 = (long)value.AsF64Bits(); break;
            case ValueKind.V128: slot.V128 = value.AsV128(); break;
            default: slot.Ref = ValueConversion.ToWasm(value.Reference); break;
        }
        return slot;
    }

    public static IReadOnlyList<Value> ToValues(ExceptionSlot[] slots, IReadOnlyList<ValueType> types)
    {
        var values = new Value[types.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var slot = slots[i];
            values[i] = types[i].Kind switch
            {
                ValueKind.I32 => Value.I32(slot.I32),
                ValueKind.I64 => Value.I64(slot.I64),
                ValueKind.F32 => Value.F32Bits((uint)slot.I32),
                ValueKind.F64 => Value.F64Bits((ulong)slot.I64),
                ValueKind.V128 => Value.V128(slot.V128),
                _ => ValueConversion.FromReference(slot.Ref, types[i], null!),
            };
        }
        return values;
    }
}
