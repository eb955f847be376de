using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>Emits conversions between <see cref="Value"/> and the lowered CIL form of each value type.</summary>
internal static class ValueAccess
{
    /// <summary>[ref Value] to the lowered value.</summary>
    public static void EmitUnwrap(CilWriter il, ValueType type)
    {
        il.Call(type.Kind switch
        {
            ValueKind.I32 => CilTypes.Method(typeof(Value), nameof(Value.AsI32)),
            ValueKind.I64 => CilTypes.Method(typeof(Value), nameof(Value.AsI64)),
            ValueKind.F32 => CilTypes.Method(typeof(Value), nameof(Value.AsF32)),
            ValueKind.F64 => CilTypes.Method(typeof(Value), nameof(Value.AsF64)),
            ValueKind.V128 => CilTypes.Method(typeof(Value), nameof(Value.AsV128)),
            _ => CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.FuncRefOf)),
        });
    }

    /// <summary>[lowered value] to a <see cref="Value"/>.</summary>
    public static void EmitWrap(CilWriter il, ValueType type)
    {
        il.Call(type.Kind switch
        {
            ValueKind.I32 => Factory(nameof(Value.I32), typeof(int)),
            ValueKind.I64 => Factory(nameof(Value.I64), typeof(long)),
            ValueKind.F32 => Factory(nameof(Value.F32), typeof(float)),
            ValueKind.F64 => Factory(nameof(Value.F64), typeof(double)),
            ValueKind.V128 => Factory(nameof(Value.V128), typeof(System.Runtime.Intrinsics.Vector128<byte>)),
            _ when type.Heap == HeapType.Extern => Factory(nameof(Value.ExternRef), typeof(object)),
            _ when ValueConversion.IsExn(type) => CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ExnRefValue)),
            _ when type.Heap == HeapType.Func || type.Heap == HeapType.NoFunc => CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.FuncRefValue)),
            // A concrete type may be a function type or a struct or array type: the value tells which.
            _ when type.Heap.IsConcrete => CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ConcreteRefValue)),
            _ => CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.AnyRefValue)),
        });
    }

    private static MethodInfo Factory(string name, Type argument) =>
        typeof(Value).GetMethod(name, [argument]) ?? throw new InvalidOperationException($"Value.{name} not found");

    public static void EmitLoadElementAddress(CilWriter il, int argument, int index)
    {
        il.LoadArg(argument);
        il.Int32(index);
        il.Emit(OpCodes.Ldelema, typeof(Value));
    }
}
