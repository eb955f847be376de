using System.Collections;
using System.Text;
using Heron.Components.Canon.Emit;

namespace Heron.Components.Canon;

/// <summary>
/// Converts between <see cref="ComponentValue"/>s and the .NET types of typed calls, by reflection: the
/// path of typed calls to functions that are not compiled code (a host function re-exported, or called
/// dynamically). Compiled calls never come here.
/// </summary>
internal static class ClrValues
{
    public static object? ToClr(ComponentValue value, ComponentValueType type, Type clr)
    {
        if (clr == typeof(ComponentValue)) return value;
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    PrimitiveKind.Bool => value.AsBool(),
                    PrimitiveKind.S8 => value.AsS8(),
                    PrimitiveKind.U8 => value.AsU8(),
                    PrimitiveKind.S16 => value.AsS16(),
                    PrimitiveKind.U16 => value.AsU16(),
                    PrimitiveKind.S32 => value.AsS32(),
                    PrimitiveKind.U32 => value.AsU32(),
                    PrimitiveKind.S64 => value.AsS64(),
                    PrimitiveKind.U64 => value.AsU64(),
                    PrimitiveKind.F32 => value.AsF32(),
                    PrimitiveKind.F64 => value.AsF64(),
                    PrimitiveKind.Char when clr == typeof(char) => CanonRuntime.ToUtf16Char((uint)value.AsChar().Value),
                    PrimitiveKind.Char => value.AsChar(),
                    PrimitiveKind.String => value.AsString(),
                    _ => throw new ArgumentException($"{type} has no .NET counterpart"),
                };
            case ListType list:
            {
                var element = ClrMapping.ElementOf(clr)!;
                var values = value.AsList();
                var array = Array.CreateInstance(element, values.Count);
                for (var i = 0; i < values.Count; i++) array.SetValue(ToClr(values[i], list.Element, element), i);
                return clr.IsArray ? array : Activator.CreateInstance(clr, array);
            }
            case TupleType tuple:
            {
                var elements = ClrMapping.TupleElements(clr)!;
                var values = value.AsList();
                var parts = new object?[elements.Length];
                for (var i = 0; i < parts.Length; i++) parts[i] = ToClr(values[i], tuple.Types[i], elements[i]);
                return Activator.CreateInstance(clr, parts);
            }
            case HandleType:
                return value.AsResource();
            default:
                throw new ArgumentException($"{type} is carried by ComponentValue");
        }
    }

    public static ComponentValue FromClr(object? value, ComponentValueType type, Type clr)
    {
        if (clr == typeof(ComponentValue)) return (ComponentValue?)value ?? throw new ArgumentNullException(nameof(value), "a component value is null");
        ArgumentNullException.ThrowIfNull(value);
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    PrimitiveKind.Bool => ComponentValue.Bool((bool)value),
                    PrimitiveKind.S8 => ComponentValue.S8((sbyte)value),
                    PrimitiveKind.U8 => ComponentValue.U8((byte)value),
                    PrimitiveKind.S16 => ComponentValue.S16((short)value),
                    PrimitiveKind.U16 => ComponentValue.U16((ushort)value),
                    PrimitiveKind.S32 => ComponentValue.S32((int)value),
                    PrimitiveKind.U32 => ComponentValue.U32((uint)value),
                    PrimitiveKind.S64 => ComponentValue.S64((long)value),
                    PrimitiveKind.U64 => ComponentValue.U64((ulong)value),
                    PrimitiveKind.F32 => ComponentValue.F32((float)value),
                    PrimitiveKind.F64 => ComponentValue.F64((double)value),
                    PrimitiveKind.Char => ComponentValue.Char(value is char c ? new Rune(CanonRuntime.CharBits(c)) : (Rune)value),
                    PrimitiveKind.String => ComponentValue.String((string)value),
                    _ => throw new ArgumentException($"{type} has no .NET counterpart"),
                };
            case ListType list:
            {
                var element = ClrMapping.ElementOf(clr)!;
                var values = new List<ComponentValue>();
                foreach (var item in (IEnumerable)value) values.Add(FromClr(item, list.Element, element));
                return ComponentValue.List(values);
            }
            case TupleType tuple:
            {
                var elements = ClrMapping.TupleElements(clr)!;
                var fields = (System.Runtime.CompilerServices.ITuple)value;
                var parts = new ComponentValue[elements.Length];
                for (var i = 0; i < parts.Length; i++) parts[i] = FromClr(fields[i], tuple.Types[i], elements[i]);
                return ComponentValue.Tuple(parts);
            }
            case HandleType:
                return ComponentValue.Resource((ResourceHandle)value);
            default:
                throw new ArgumentException($"{type} is carried by ComponentValue");
        }
    }
}
