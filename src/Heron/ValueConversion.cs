using Heron.Runtime;

namespace Heron;

/// <summary>
/// Conversions between public <see cref="Value"/>s and what compiled code holds: a funcref is a
/// <see cref="FunctionInstance"/> (or null) inside WebAssembly and a <see cref="Function"/> outside.
/// </summary>
internal static class ValueConversion
{
    public static bool Matches(Value value, ValueType type)
    {
        if (value.Type == type) return true;
        if (!type.IsReference || !value.Type.IsReference) return false;
        // Null of any type of the same hierarchy is accepted, and so is a function for funcref.
        return value.Type.Heap == type.Heap || (type.Heap == HeapType.Func && value.Reference is Function or null && value.Type.Heap != HeapType.Extern);
    }

    public static object? ToReference(Value value, ValueType type, Engine engine)
    {
        if (!Matches(value, type)) throw new ArgumentException($"value of type {value.Type} does not fit {type}");
        return ToWasm(value.Reference);
    }

    /// <summary>A public reference to its form inside WebAssembly.</summary>
    public static object? ToWasm(object? reference) => reference is Function function ? function.Runtime : reference;

    /// <summary>A funcref from WebAssembly to the public form.</summary>
    public static Function? ToFunction(object? reference) =>
        reference is FunctionInstance function ? Function.Wrap(function) : null;

    public static Value FromReference(object? reference, ValueType type, Engine engine) =>
        type.Heap == HeapType.Extern ? Value.ExternRef(reference)
        : IsExn(type) ? Value.ExnRef(reference as ThrownException)
        : Value.FuncRef(ToFunction(reference));

    /// <summary>True for the exception hierarchy's references (exnref and its bottom, noexn).</summary>
    public static bool IsExn(ValueType type) => type.Heap == HeapType.Exn || type.Heap == HeapType.NoExn;

    public static Value ExnRefValue(object? reference) => Value.ExnRef(reference as ThrownException);

    public static Value FuncRefValue(object? reference) => Value.FuncRef(ToFunction(reference));

    public static object? FuncRefOf(in Value value) => ToWasm(value.Reference);

    public static Value Load(GlobalCell cell, Engine engine) => cell.Type.ValueType.Kind switch
    {
        ValueKind.I32 => Value.I32(cell.I32),
        ValueKind.I64 => Value.I64(cell.I64),
        ValueKind.F32 => Value.F32Bits(BitConverter.SingleToUInt32Bits(cell.F32)),
        ValueKind.F64 => Value.F64Bits(BitConverter.DoubleToUInt64Bits(cell.F64)),
        ValueKind.V128 => Value.V128(cell.V128),
        _ => FromReference(cell.Ref, cell.Type.ValueType, engine),
    };

    public static void Store(GlobalCell cell, Value value, Engine engine)
    {
        var type = cell.Type.ValueType;
        if (!Matches(value, type)) throw new ArgumentException($"value of type {value.Type} does not fit a global of type {type}");
        switch (type.Kind)
        {
            case ValueKind.I32: cell.I32 = value.AsI32(); break;
            case ValueKind.I64: cell.I64 = value.AsI64(); break;
            case ValueKind.F32: cell.F32 = BitConverter.UInt32BitsToSingle(value.AsF32Bits()); break;
            case ValueKind.F64: cell.F64 = BitConverter.UInt64BitsToDouble(value.AsF64Bits()); break;
            case ValueKind.V128: cell.V128 = value.AsV128(); break;
            default: cell.Ref = ToWasm(value.Reference); break;
        }
    }
}
