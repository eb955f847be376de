namespace Heron.Components.Model;

/// <summary>The primitive value types; each one's value is its one-byte code in the binary format.</summary>
internal enum PrimitiveValType : byte
{
    Bool = 0x7f,
    S8 = 0x7e,
    U8 = 0x7d,
    S16 = 0x7c,
    U16 = 0x7b,
    S32 = 0x7a,
    U32 = 0x79,
    S64 = 0x78,
    U64 = 0x77,
    F32 = 0x76,
    F64 = 0x75,
    Char = 0x74,
    String = 0x73,
    ErrorContext = 0x64,
}

/// <summary>
/// A <c>valtype</c>: a primitive written in place, or the index of a defined value type in the type index
/// space.
/// </summary>
internal readonly record struct ValType
{
    private ValType(PrimitiveValType? primitive, int typeIndex)
    {
        Primitive = primitive;
        TypeIndex = typeIndex;
    }

    /// <summary>The primitive, or null when the type is an index.</summary>
    public PrimitiveValType? Primitive { get; }

    /// <summary>The type index when <see cref="Primitive"/> is null, else -1.</summary>
    public int TypeIndex { get; }

    public bool IsPrimitive => Primitive != null;

    public static ValType Of(PrimitiveValType primitive) => new(primitive, -1);

    public static ValType Index(int typeIndex) => new(null, typeIndex);

    public override string ToString() => Primitive is { } p ? PrimitiveNames.Of(p) : $"(type {TypeIndex})";
}

internal static class PrimitiveNames
{
    /// <summary>The primitive as WIT and the text format spell it.</summary>
    public static string Of(PrimitiveValType type) => type switch
    {
        PrimitiveValType.ErrorContext => "error-context",
        _ => type.ToString().ToLowerInvariant(),
    };
}
