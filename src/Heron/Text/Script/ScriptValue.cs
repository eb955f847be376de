namespace Heron.Text.Script;

/// <summary>
/// A constant argument of an action: a number (its bits in <see cref="Bits"/>), a v128 (16 bytes in
/// <see cref="Lanes"/>, little-endian), or a reference: <c>ref.null ht</c> (<see cref="IsNull"/>),
/// <c>ref.extern n</c> (<see cref="HostReference"/>).
/// </summary>
internal sealed record ScriptValue(ValueType Type)
{
    public ulong Bits { get; init; }

    public byte[]? Lanes { get; init; }

    public bool IsNull { get; init; }

    public uint? HostReference { get; init; }

    public override string ToString() => Type.Kind switch
    {
        ValueKind.I32 => $"i32:{(int)Bits}",
        ValueKind.I64 => $"i64:{(long)Bits}",
        ValueKind.F32 => $"f32:0x{Bits:x8}",
        ValueKind.F64 => $"f64:0x{Bits:x16}",
        ValueKind.V128 => "v128:" + Convert.ToHexString(Lanes!),
        _ => IsNull ? $"ref.null {Type.Heap}" : $"ref.extern {HostReference}",
    };
}
