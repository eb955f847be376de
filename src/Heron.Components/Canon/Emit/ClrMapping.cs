using System.Text;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// Which .NET types carry which component types in typed calls: <c>bool</c>, <c>sbyte</c>…<c>ulong</c>,
/// <c>float</c>, <c>double</c>, <see cref="Rune"/> or <c>char</c> for <c>char</c>, <c>string</c>, arrays or
/// <see cref="List{T}"/> for lists, value tuples for tuples, <see cref="ResourceHandle"/> for handles, and
/// <see cref="ComponentValue"/> for any type (records, variants, options, results, flags...).
/// </summary>
internal static class ClrMapping
{
    /// <summary>Null when <paramref name="clr"/> carries <paramref name="type"/>; otherwise why not.</summary>
    public static string? Mismatch(ComponentValueType type, Type clr)
    {
        if (clr == typeof(ComponentValue)) return null;
        switch (type)
        {
            case PrimitiveType p:
            {
                var expected = Scalar(p.Kind);
                if (expected.Contains(clr)) return null;
                return $"{type} is carried by {string.Join(" or ", expected.Select(Name))}, not {Name(clr)}";
            }
            case ListType list:
            {
                var element = ElementOf(clr);
                if (element == null) return $"{type} is carried by an array or a List<T>, not {Name(clr)}";
                return Mismatch(list.Element, element);
            }
            case TupleType tuple:
            {
                var elements = TupleElements(clr);
                if (elements == null || elements.Length != tuple.Types.Count)
                    return $"{type} is carried by a value tuple of {tuple.Types.Count} elements (or ComponentValue), not {Name(clr)}";
                for (var i = 0; i < elements.Length; i++)
                    if (Mismatch(tuple.Types[i], elements[i]) is { } inner) return inner;
                return null;
            }
            case HandleType:
                return clr == typeof(ResourceHandle) ? null : $"{type} is carried by ResourceHandle, not {Name(clr)}";
            default:
                return $"{type} is carried by ComponentValue, not {Name(clr)}";
        }
    }

    /// <summary>The .NET types a primitive can be taken as (the first is the natural one).</summary>
    public static Type[] Scalar(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool => [typeof(bool)],
        PrimitiveKind.S8 => [typeof(sbyte)],
        PrimitiveKind.U8 => [typeof(byte)],
        PrimitiveKind.S16 => [typeof(short)],
        PrimitiveKind.U16 => [typeof(ushort)],
        PrimitiveKind.S32 => [typeof(int)],
        PrimitiveKind.U32 => [typeof(uint)],
        PrimitiveKind.S64 => [typeof(long)],
        PrimitiveKind.U64 => [typeof(ulong)],
        PrimitiveKind.F32 => [typeof(float)],
        PrimitiveKind.F64 => [typeof(double)],
        PrimitiveKind.Char => [typeof(Rune), typeof(char)],
        PrimitiveKind.String => [typeof(string)],
        _ => [],
    };

    /// <summary>The element type of an array or a <see cref="List{T}"/>, else null.</summary>
    public static Type? ElementOf(Type clr)
    {
        if (clr.IsArray && clr.GetArrayRank() == 1) return clr.GetElementType();
        if (clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(List<>)) return clr.GetGenericArguments()[0];
        return null;
    }

    /// <summary>The element types of a value tuple of one to seven elements, else null.</summary>
    public static Type[]? TupleElements(Type clr)
    {
        if (!clr.IsGenericType || !clr.IsValueType) return null;
        var definition = clr.GetGenericTypeDefinition();
        return definition == typeof(ValueTuple<>) || definition == typeof(ValueTuple<,>) || definition == typeof(ValueTuple<,,>)
            || definition == typeof(ValueTuple<,,,>) || definition == typeof(ValueTuple<,,,,>) || definition == typeof(ValueTuple<,,,,,>)
            || definition == typeof(ValueTuple<,,,,,,>)
            ? clr.GetGenericArguments()
            : null;
    }

    public static string Name(Type clr)
    {
        if (!clr.IsGenericType) return clr.Name;
        var name = clr.Name[..clr.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", clr.GetGenericArguments().Select(Name))}>";
    }
}
