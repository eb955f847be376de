namespace Heron.Fuzz.Differential;

/// <summary>One argument of an export call, engine-neutral: the kind and its bits (a reference argument is always null).</summary>
internal readonly record struct Argument(ValueKind Kind, ulong Bits, byte[]? V128, bool IsFuncRef)
{
    public override string ToString() => Kind switch
    {
        ValueKind.I32 => ValueText.I32((int)Bits),
        ValueKind.I64 => ValueText.I64((long)Bits),
        ValueKind.F32 => $"f32:{(uint)Bits:x8}",
        ValueKind.F64 => $"f64:{Bits:x16}",
        ValueKind.V128 => ValueText.V128(V128),
        _ => IsFuncRef ? "funcref:null" : "externref:null",
    };
}
