namespace Heron.Components;

/// <summary>What a <see cref="ComponentValue"/> holds.</summary>
public enum ComponentValueKind : byte
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
    List, Record, Tuple, Variant, Enum, Option, Result, Flags, Resource,
}
