using System.Runtime.Intrinsics;

namespace Heron.Runtime;

/// <summary>
/// A value as the runtime holds it: number bits, a vector, or a reference in its WebAssembly form. A vector
/// travels boxed in <see cref="Reference"/> (see <see cref="V128Box"/>): a struct with a Vector128 field
/// makes ReadyToRun leave every method that handles it to the JIT, and instantiation handles these values.
/// </summary>
internal readonly record struct WasmValue(long Bits, object? Reference = null)
{
    public static WasmValue FromVector(Vector128<byte> vector) => new(0, new V128Box { Value = vector });

    public Vector128<byte> Vector => Reference is V128Box box ? box.Value : default;

    public void StoreTo(GlobalCell cell)
    {
        switch (cell.Type.ValueType.Kind)
        {
            case ValueKind.I32: cell.I32 = (int)Bits; break;
            case ValueKind.I64: cell.I64 = Bits; break;
            case ValueKind.F32: cell.F32 = BitConverter.Int32BitsToSingle((int)Bits); break;
            case ValueKind.F64: cell.F64 = BitConverter.Int64BitsToDouble(Bits); break;
            case ValueKind.V128: cell.V128!.Value = ((V128Box)Reference!).Value; break;
            default: cell.Ref = Reference; break;
        }
    }

    public static WasmValue LoadFrom(GlobalCell cell) => cell.Type.ValueType.Kind switch
    {
        ValueKind.I32 => new(cell.I32),
        ValueKind.I64 => new(cell.I64),
        ValueKind.F32 => new(BitConverter.SingleToInt32Bits(cell.F32)),
        ValueKind.F64 => new(BitConverter.DoubleToInt64Bits(cell.F64)),
        ValueKind.V128 => FromVector(cell.V128!.Value),
        _ => new(0, cell.Ref),
    };
}
