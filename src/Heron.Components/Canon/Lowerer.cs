using System.Text;
using Heron.Components.Runtime;

namespace Heron.Components.Canon;

/// <summary>
/// Lowering: writing component values as core values and into linear memory (allocating with the guest's
/// realloc). A value that does not fit its type is the host's mistake and raises an ArgumentException;
/// a guest that breaks a rule (a realloc result out of bounds) traps.
/// </summary>
internal static class Lowerer
{
    public static void LowerFlat(CanonContext cx, ComponentValue value, ComponentValueType type, List<Value> output)
    {
        switch (type)
        {
            case PrimitiveType p:
                switch (p.Kind)
                {
                    case PrimitiveKind.S64: output.Add(Value.I64(value.AsS64())); return;
                    case PrimitiveKind.U64: output.Add(Value.I64((long)value.AsU64())); return;
                    case PrimitiveKind.F32: output.Add(Value.F32(value.AsF32())); return;
                    case PrimitiveKind.F64: output.Add(Value.F64(value.AsF64())); return;
                    case PrimitiveKind.String:
                    {
                        var (pointer, units) = StoreString(cx, value);
                        output.Add(Value.I32((int)pointer));
                        output.Add(Value.I32((int)units));
                        return;
                    }
                    default: output.Add(Value.I32((int)ScalarBits(cx, value, p))); return;
                }
            case ListType { FixedLength: { } length } fixedList:
            {
                var elements = value.AsList();
                if (elements.Count != length) throw new ArgumentException($"a {type} needs {length} elements, not {elements.Count}");
                foreach (var e in elements) LowerFlat(cx, e, fixedList.Element, output);
                return;
            }
            case ListType list:
            {
                var (pointer, length) = StoreList(cx, value, list.Element);
                output.Add(Value.I32((int)pointer));
                output.Add(Value.I32((int)length));
                return;
            }
            case RecordType record:
            {
                var fields = FieldsInOrder(value, record);
                for (var i = 0; i < fields.Length; i++) LowerFlat(cx, fields[i], record.Fields[i].Type, output);
                return;
            }
            case TupleType tuple:
            {
                var elements = TupleElements(value, tuple);
                for (var i = 0; i < elements.Count; i++) LowerFlat(cx, elements[i], tuple.Types[i], output);
                return;
            }
            case FlagsType flags:
                output.Add(Value.I32((int)PackFlags(value, flags)));
                return;
            case HandleType handle:
                output.Add(Value.I32((int)LowerHandle(cx, value, handle)));
                return;
            default:
                LowerFlatVariant(cx, value, type, output);
                return;
        }
    }

    private static void LowerFlatVariant(CanonContext cx, ComponentValue value, ComponentValueType type, List<Value> output)
    {
        var cases = VariantCases.Of(type);
        var index = cases.IndexOf(value);
        var joined = type.Layout.Flat;
        output.Add(Value.I32(index));
        var start = output.Count;
        var caseType = cases.PayloadType(index);
        if (caseType != null)
        {
            var payload = value.Kind == ComponentValueKind.Enum ? null : value.Payload;
            if (payload == null) throw new ArgumentException($"the case '{value.Label}' of {type} needs a payload");
            LowerFlat(cx, payload, caseType, output);
            var have = caseType.Layout.Flat;
            for (var i = 0; i < have.Count; i++) output[start + i] = Coerce(output[start + i], have[i], joined[i + 1]);
        }
        for (var i = output.Count - start; i < joined.Count - 1; i++) output.Add(Zero(joined[i + 1]));
    }

    private static Value Coerce(Value value, FlatType have, FlatType want) => (have, want) switch
    {
        (FlatType.F32, FlatType.I32) => Value.I32((int)value.AsF32Bits()),
        (FlatType.I32, FlatType.I64) => Value.I64((uint)value.AsI32()),
        (FlatType.F32, FlatType.I64) => Value.I64(value.AsF32Bits()),
        (FlatType.F64, FlatType.I64) => Value.I64((long)value.AsF64Bits()),
        _ => value,
    };

    private static Value Zero(FlatType type) => type switch
    {
        FlatType.I32 => Value.I32(0),
        FlatType.I64 => Value.I64(0),
        FlatType.F32 => Value.F32(0),
        _ => Value.F64(0),
    };

    public static void Store(CanonContext cx, ComponentValue value, ComponentValueType type, uint pointer)
    {
        var memory = cx.Memory;
        switch (type)
        {
            case PrimitiveType p:
                switch (p.Kind)
                {
                    case PrimitiveKind.Bool or PrimitiveKind.S8 or PrimitiveKind.U8: memory.WriteByte(pointer, (byte)ScalarBits(cx, value, p)); return;
                    case PrimitiveKind.S16 or PrimitiveKind.U16: memory.WriteInt16(pointer, (short)ScalarBits(cx, value, p)); return;
                    case PrimitiveKind.S64: memory.WriteInt64(pointer, value.AsS64()); return;
                    case PrimitiveKind.U64: memory.WriteInt64(pointer, (long)value.AsU64()); return;
                    case PrimitiveKind.F32: memory.WriteSingle(pointer, value.AsF32()); return;
                    case PrimitiveKind.F64: memory.WriteDouble(pointer, value.AsF64()); return;
                    case PrimitiveKind.String:
                    {
                        var (begin, units) = StoreString(cx, value);
                        memory.WriteInt32(pointer, (int)begin);
                        memory.WriteInt32(pointer + 4, (int)units);
                        return;
                    }
                    default: memory.WriteInt32(pointer, (int)ScalarBits(cx, value, p)); return;
                }
            case ListType { FixedLength: { } length } fixedList:
            {
                var elements = value.AsList();
                if (elements.Count != length) throw new ArgumentException($"a {type} needs {length} elements, not {elements.Count}");
                StoreElements(cx, elements, fixedList.Element, pointer);
                return;
            }
            case ListType list:
            {
                var (begin, length) = StoreList(cx, value, list.Element);
                memory.WriteInt32(pointer, (int)begin);
                memory.WriteInt32(pointer + 4, (int)length);
                return;
            }
            case RecordType record:
            {
                var fields = FieldsInOrder(value, record);
                var offset = pointer;
                for (var i = 0; i < fields.Length; i++)
                {
                    var t = record.Fields[i].Type;
                    offset = (uint)CanonLayout.AlignTo((int)offset, t.Layout.Alignment);
                    Store(cx, fields[i], t, offset);
                    offset += (uint)t.Layout.Size;
                }
                return;
            }
            case TupleType tuple:
            {
                var elements = TupleElements(value, tuple);
                var offset = pointer;
                for (var i = 0; i < elements.Count; i++)
                {
                    var t = tuple.Types[i];
                    offset = (uint)CanonLayout.AlignTo((int)offset, t.Layout.Alignment);
                    Store(cx, elements[i], t, offset);
                    offset += (uint)t.Layout.Size;
                }
                return;
            }
            case FlagsType flags:
            {
                var bits = PackFlags(value, flags);
                switch (type.Layout.Size)
                {
                    case 1: memory.WriteByte(pointer, (byte)bits); break;
                    case 2: memory.WriteInt16(pointer, (short)bits); break;
                    default: memory.WriteInt32(pointer, (int)bits); break;
                }
                return;
            }
            case HandleType handle:
                memory.WriteInt32(pointer, (int)LowerHandle(cx, value, handle));
                return;
            default:
            {
                var cases = VariantCases.Of(type);
                var index = cases.IndexOf(value);
                var layout = type.Layout;
                switch (layout.DiscriminantSize)
                {
                    case 1: memory.WriteByte(pointer, (byte)index); break;
                    case 2: memory.WriteInt16(pointer, (short)index); break;
                    default: memory.WriteInt32(pointer, index); break;
                }
                var caseType = cases.PayloadType(index);
                if (caseType != null)
                {
                    var payload = value.Kind == ComponentValueKind.Enum ? null : value.Payload;
                    if (payload == null) throw new ArgumentException($"the case '{value.Label}' of {type} needs a payload");
                    Store(cx, payload, caseType, pointer + (uint)layout.PayloadOffset);
                }
                return;
            }
        }
    }

    private static (uint Pointer, uint Units) StoreString(CanonContext cx, ComponentValue value) =>
        value.StringSource is { } lifted ? StringStorer.Store(cx.Abi, lifted) : StringStorer.StoreHost(cx.Abi, value.AsString());

    private static (uint Pointer, uint Length) StoreList(CanonContext cx, ComponentValue value, ComponentValueType element)
    {
        var layout = element.Layout;
        if (value.IsBytes && element is PrimitiveType { Kind: PrimitiveKind.U8 })
        {
            var bytes = value.AsBytes().Span;
            var at = cx.Allocate(1, (uint)bytes.Length);
            cx.CheckAllocation(at, (ulong)bytes.Length, 1);
            bytes.CopyTo(cx.Memory.GetSpan(at, bytes.Length));
            return (at, (uint)bytes.Length);
        }
        var elements = value.AsList();
        var byteLength = (ulong)elements.Count * (ulong)layout.Size;
        if (byteLength > uint.MaxValue) throw new ArgumentException("the list is too large for a 32-bit memory");
        var pointer = cx.Allocate((uint)layout.Alignment, (uint)byteLength);
        cx.CheckAllocation(pointer, byteLength, layout.Alignment);
        StoreElements(cx, elements, element, pointer);
        return (pointer, (uint)elements.Count);
    }

    private static void StoreElements(CanonContext cx, IReadOnlyList<ComponentValue> elements, ComponentValueType element, uint pointer)
    {
        var size = (uint)element.Layout.Size;
        for (var i = 0; i < elements.Count; i++) Store(cx, elements[i], element, pointer + (uint)i * size);
    }

    /// <summary>The bits of a value stored in an i32 (or narrower): integers, bool and char.</summary>
    private static uint ScalarBits(CanonContext cx, ComponentValue value, PrimitiveType type) => type.Kind switch
    {
        PrimitiveKind.Bool => value.AsBool() ? 1u : 0u,
        PrimitiveKind.S8 => (uint)value.AsS8(),
        PrimitiveKind.U8 => value.AsU8(),
        PrimitiveKind.S16 => (uint)value.AsS16(),
        PrimitiveKind.U16 => value.AsU16(),
        PrimitiveKind.S32 => (uint)value.AsS32(),
        PrimitiveKind.U32 => value.AsU32(),
        PrimitiveKind.Char => (uint)value.AsChar().Value,
        _ => throw new ArgumentException($"{type} values are not supported"),
    };

    private static ComponentValue[] FieldsInOrder(ComponentValue value, RecordType record)
    {
        var given = value.AsRecord();
        if (given.Count != record.Fields.Count)
            throw new ArgumentException($"{record} has {record.Fields.Count} fields, the value {given.Count}");
        var fields = new ComponentValue[given.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var label = record.Fields[i].Label;
            // Fields given in the type's order are the common case; otherwise find them by name.
            fields[i] = given[i].Name == label ? given[i].Value
                : given.FirstOrDefault(f => f.Name == label).Value ?? throw new ArgumentException($"the record value has no field '{label}'");
        }
        return fields;
    }

    private static IReadOnlyList<ComponentValue> TupleElements(ComponentValue value, TupleType tuple)
    {
        var elements = value.AsList();
        if (elements.Count != tuple.Types.Count) throw new ArgumentException($"{tuple} has {tuple.Types.Count} elements, the value {elements.Count}");
        return elements;
    }

    private static uint PackFlags(ComponentValue value, FlagsType flags)
    {
        var bits = 0u;
        foreach (var name in value.AsFlags())
        {
            var index = -1;
            for (var i = 0; i < flags.Names.Count; i++) if (flags.Names[i] == name) index = i;
            if (index < 0) throw new ArgumentException($"'{name}' is not a flag of {flags}");
            bits |= 1u << index;
        }
        return bits;
    }

    private static uint LowerHandle(CanonContext cx, ComponentValue value, HandleType type) => type.IsBorrow
        ? HandleOps.LowerBorrow(cx.Instance, cx.Scope, value.AsResource(), type.Resource)
        : HandleOps.LowerOwn(cx.Instance, value.AsResource(), type.Resource);
}
