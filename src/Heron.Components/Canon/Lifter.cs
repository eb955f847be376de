using System.Buffers.Binary;
using System.Text;
using Heron.Components.Runtime;

namespace Heron.Components.Canon;

/// <summary>
/// Lifting: reading component values out of core values and linear memory, with every check the
/// canonical ABI makes (character ranges, discriminants, string and list bounds, handle ownership).
/// </summary>
internal static class Lifter
{
    private const uint MaxListByteLength = (1u << 28) - 1;

    public static ComponentValue LiftFlat(CanonContext cx, FlatReader flat, ComponentValueType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    PrimitiveKind.Bool => ComponentValue.Bool(flat.NextI32() != 0),
                    PrimitiveKind.S8 => ComponentValue.S8((sbyte)flat.NextI32()),
                    PrimitiveKind.U8 => ComponentValue.U8((byte)flat.NextI32()),
                    PrimitiveKind.S16 => ComponentValue.S16((short)flat.NextI32()),
                    PrimitiveKind.U16 => ComponentValue.U16((ushort)flat.NextI32()),
                    PrimitiveKind.S32 => ComponentValue.S32((int)flat.NextI32()),
                    PrimitiveKind.U32 => ComponentValue.U32(flat.NextI32()),
                    PrimitiveKind.S64 => ComponentValue.S64(flat.Next().AsI64()),
                    PrimitiveKind.U64 => ComponentValue.U64((ulong)flat.Next().AsI64()),
                    PrimitiveKind.F32 => ComponentValue.F32(CanonicalNaN(flat.Next().AsF32())),
                    PrimitiveKind.F64 => ComponentValue.F64(CanonicalNaN(flat.Next().AsF64())),
                    PrimitiveKind.Char => ComponentValue.Char(ToChar(flat.NextI32())),
                    PrimitiveKind.String => LoadString(cx, flat.NextI32(), flat.NextI32()),
                    _ => throw CanonTrap.Create($"{p} values are not supported"),
                };
            case ListType { FixedLength: { } length } fixedList:
            {
                var elements = new ComponentValue[length];
                for (var i = 0; i < elements.Length; i++) elements[i] = LiftFlat(cx, flat, fixedList.Element);
                return ComponentValue.List(elements);
            }
            case ListType list:
                return LoadList(cx, flat.NextI32(), flat.NextI32(), list.Element);
            case RecordType record:
                return ComponentValue.Record(record.Fields.Select(f => (f.Label, LiftFlat(cx, flat, f.Type))).ToArray());
            case TupleType tuple:
                return ComponentValue.Tuple(tuple.Types.Select(t => LiftFlat(cx, flat, t)).ToArray());
            case FlagsType flags:
                return UnpackFlags(flat.NextI32(), flags);
            case HandleType handle:
                return LiftHandle(cx, flat.NextI32(), handle);
            default:
                return LiftFlatVariant(cx, flat, type);
        }
    }

    private static ComponentValue LiftFlatVariant(CanonContext cx, FlatReader flat, ComponentValueType type)
    {
        var cases = VariantCases.Of(type);
        var joined = type.Layout.Flat;
        var caseIndex = flat.NextI32();
        var payloadValues = new Value[joined.Count - 1];
        for (var i = 0; i < payloadValues.Length; i++) payloadValues[i] = flat.Next();
        if (caseIndex >= cases.Count) throw CanonTrap.Create($"invalid variant discriminant {caseIndex}");
        var caseType = cases.PayloadType((int)caseIndex);
        ComponentValue? payload = null;
        if (caseType != null)
        {
            var want = caseType.Layout.Flat;
            var coerced = new Value[want.Count];
            for (var i = 0; i < want.Count; i++) coerced[i] = Coerce(payloadValues[i], joined[i + 1], want[i]);
            payload = LiftFlat(cx, new FlatReader(coerced), caseType);
        }
        return cases.Make((int)caseIndex, payload);
    }

    /// <summary>A joined flat value read back as the type the chosen case wants.</summary>
    private static Value Coerce(Value value, FlatType have, FlatType want) => (have, want) switch
    {
        (FlatType.I32, FlatType.F32) => Value.F32Bits((uint)value.AsI32()),
        (FlatType.I64, FlatType.I32) => Value.I32((int)value.AsI64()),
        (FlatType.I64, FlatType.F32) => Value.F32Bits((uint)value.AsI64()),
        (FlatType.I64, FlatType.F64) => Value.F64Bits((ulong)value.AsI64()),
        _ => value,
    };

    public static ComponentValue Load(CanonContext cx, uint pointer, ComponentValueType type)
    {
        var memory = cx.Memory;
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    PrimitiveKind.Bool => ComponentValue.Bool(memory.ReadByte(pointer) != 0),
                    PrimitiveKind.S8 => ComponentValue.S8((sbyte)memory.ReadByte(pointer)),
                    PrimitiveKind.U8 => ComponentValue.U8(memory.ReadByte(pointer)),
                    PrimitiveKind.S16 => ComponentValue.S16(memory.ReadInt16(pointer)),
                    PrimitiveKind.U16 => ComponentValue.U16((ushort)memory.ReadInt16(pointer)),
                    PrimitiveKind.S32 => ComponentValue.S32(memory.ReadInt32(pointer)),
                    PrimitiveKind.U32 => ComponentValue.U32((uint)memory.ReadInt32(pointer)),
                    PrimitiveKind.S64 => ComponentValue.S64(memory.ReadInt64(pointer)),
                    PrimitiveKind.U64 => ComponentValue.U64((ulong)memory.ReadInt64(pointer)),
                    PrimitiveKind.F32 => ComponentValue.F32(CanonicalNaN(memory.ReadSingle(pointer))),
                    PrimitiveKind.F64 => ComponentValue.F64(CanonicalNaN(memory.ReadDouble(pointer))),
                    PrimitiveKind.Char => ComponentValue.Char(ToChar((uint)memory.ReadInt32(pointer))),
                    PrimitiveKind.String => LoadString(cx, (uint)memory.ReadInt32(pointer), (uint)memory.ReadInt32(pointer + 4)),
                    _ => throw CanonTrap.Create($"{p} values are not supported"),
                };
            case ListType { FixedLength: { } length } fixedList:
                return LoadElements(cx, pointer, length, fixedList.Element);
            case ListType list:
                return LoadList(cx, (uint)memory.ReadInt32(pointer), (uint)memory.ReadInt32(pointer + 4), list.Element);
            case RecordType record:
            {
                var fields = new (string, ComponentValue)[record.Fields.Count];
                var offset = pointer;
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = record.Fields[i];
                    offset = (uint)CanonLayout.AlignTo((int)offset, field.Type.Layout.Alignment);
                    fields[i] = (field.Label, Load(cx, offset, field.Type));
                    offset += (uint)field.Type.Layout.Size;
                }
                return ComponentValue.Record(fields);
            }
            case TupleType tuple:
            {
                var elements = new ComponentValue[tuple.Types.Count];
                var offset = pointer;
                for (var i = 0; i < elements.Length; i++)
                {
                    var t = tuple.Types[i];
                    offset = (uint)CanonLayout.AlignTo((int)offset, t.Layout.Alignment);
                    elements[i] = Load(cx, offset, t);
                    offset += (uint)t.Layout.Size;
                }
                return ComponentValue.Tuple(elements);
            }
            case FlagsType flags:
                return UnpackFlags(type.Layout.Size switch
                {
                    1 => memory.ReadByte(pointer),
                    2 => (ushort)memory.ReadInt16(pointer),
                    _ => (uint)memory.ReadInt32(pointer),
                }, flags);
            case HandleType handle:
                return LiftHandle(cx, (uint)memory.ReadInt32(pointer), handle);
            default:
            {
                var cases = VariantCases.Of(type);
                var layout = type.Layout;
                var caseIndex = layout.DiscriminantSize switch
                {
                    1 => memory.ReadByte(pointer),
                    2 => (uint)(ushort)memory.ReadInt16(pointer),
                    _ => (uint)memory.ReadInt32(pointer),
                };
                if (caseIndex >= cases.Count) throw CanonTrap.Create($"invalid variant discriminant {caseIndex}");
                var caseType = cases.PayloadType((int)caseIndex);
                return cases.Make((int)caseIndex, caseType == null ? null : Load(cx, pointer + (uint)layout.PayloadOffset, caseType));
            }
        }
    }

    public static ComponentValue LoadString(CanonContext cx, uint pointer, uint taggedCodeUnits) =>
        ComponentValue.LiftedString(new LiftedString(StringLoader.Load(cx.Abi, pointer, taggedCodeUnits), cx.Options.Encoding, taggedCodeUnits));

    private static ComponentValue LoadList(CanonContext cx, uint pointer, uint length, ComponentValueType element)
    {
        var layout = element.Layout;
        var byteLength = (ulong)length * (ulong)layout.Size;
        CanonTrap.If(byteLength > MaxListByteLength, "list length exceeds the maximum");
        cx.CheckRange(pointer, byteLength, layout.Alignment, "list content out-of-bounds", "unaligned pointer");
        if (element is PrimitiveType { Kind: PrimitiveKind.U8 }) return ComponentValue.Bytes(cx.Memory.GetSpan(pointer, (int)length));
        return LoadElements(cx, pointer, length, element);
    }

    private static ComponentValue LoadElements(CanonContext cx, uint pointer, uint length, ComponentValueType element)
    {
        var size = (uint)element.Layout.Size;
        var values = new ComponentValue[length];
        for (var i = 0u; i < length; i++) values[i] = Load(cx, pointer + i * size, element);
        return ComponentValue.List(values);
    }

    private static ComponentValue UnpackFlags(uint bits, FlagsType flags)
    {
        var set = new List<string>();
        for (var i = 0; i < flags.Names.Count; i++) if ((bits & (1u << i)) != 0) set.Add(flags.Names[i]);
        return ComponentValue.Flags(set);
    }

    private static ComponentValue LiftHandle(CanonContext cx, uint index, HandleType type) =>
        ComponentValue.Resource(type.IsBorrow
            ? HandleOps.LiftBorrow(cx.Instance, cx.Scope, index, type.Resource)
            : HandleOps.LiftOwn(cx.Instance, index, type.Resource));

    private static Rune ToChar(uint value) => CanonicalAbi.ToChar(value);

    private static float CanonicalNaN(float value) => CanonicalAbi.CanonicalNaN(value);

    private static double CanonicalNaN(double value) => CanonicalAbi.CanonicalNaN(value);
}
