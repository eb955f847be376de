namespace Heron.Components;

/// <summary>bool, the integers, the floats, char, string and error-context.</summary>
public sealed class PrimitiveType : ComponentValueType
{
    private static readonly PrimitiveType[] All = Enum.GetValues<PrimitiveKind>().Select(k => new PrimitiveType(k)).ToArray();

    private PrimitiveType(PrimitiveKind kind) => Kind = kind;

    public PrimitiveKind Kind { get; }

    /// <summary>The one shared instance for a kind (primitive types compare by reference).</summary>
    public static PrimitiveType Of(PrimitiveKind kind) => All[(int)kind];

    public static PrimitiveType Bool => Of(PrimitiveKind.Bool);
    public static PrimitiveType S8 => Of(PrimitiveKind.S8);
    public static PrimitiveType U8 => Of(PrimitiveKind.U8);
    public static PrimitiveType S16 => Of(PrimitiveKind.S16);
    public static PrimitiveType U16 => Of(PrimitiveKind.U16);
    public static PrimitiveType S32 => Of(PrimitiveKind.S32);
    public static PrimitiveType U32 => Of(PrimitiveKind.U32);
    public static PrimitiveType S64 => Of(PrimitiveKind.S64);
    public static PrimitiveType U64 => Of(PrimitiveKind.U64);
    public static PrimitiveType F32 => Of(PrimitiveKind.F32);
    public static PrimitiveType F64 => Of(PrimitiveKind.F64);
    public static PrimitiveType Char => Of(PrimitiveKind.Char);
    public static PrimitiveType String => Of(PrimitiveKind.String);

    public override string ToString() => Kind switch
    {
        PrimitiveKind.ErrorContext => "error-context",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
