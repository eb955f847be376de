using System.Runtime.Intrinsics;

namespace Heron.Runtime;

/// <summary>A value as the runtime holds it: number bits, a vector, or a reference in its WebAssembly form.</summary>
internal readonly record struct WasmValue(long Bits, Vector128<byte> Vector = default, object? Reference = null)
{
    public void StoreTo(GlobalCell cell)
    {
        switch (cell.Type.ValueType.Kind)
        {
            case ValueKind.I32: cell.I32 = (int)Bits; break;
            case ValueKind.I64: cell.I64 = Bits; break;
            case ValueKind.F32: cell.F32 = BitConverter.Int32BitsToSingle((int)Bits); break;
            case ValueKind.F64: cell.F64 = BitConverter.Int64BitsToDouble(Bits); break;
            case ValueKind.V128: cell.V128 = Vector; break;
            default: cell.Ref = Reference; break;
        }
    }

    public static WasmValue LoadFrom(GlobalCell cell) => cell.Type.ValueType.Kind switch
    {
        ValueKind.I32 => new(cell.I32),
        ValueKind.I64 => new(cell.I64),
        ValueKind.F32 => new(BitConverter.SingleToInt32Bits(cell.F32)),
        ValueKind.F64 => new(BitConverter.DoubleToInt64Bits(cell.F64)),
        ValueKind.V128 => new(0, cell.V128),
        _ => new(0, default, cell.Ref),
    };
}
