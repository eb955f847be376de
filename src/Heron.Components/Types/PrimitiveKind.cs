namespace Heron.Components;

/// <summary>The component model's primitive value types.</summary>
public enum PrimitiveKind : byte
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String, ErrorContext,
}
