using Heron.Runtime;
using Heron.Runtime.Gc;

namespace Heron;

/// <summary>
/// Conversions between public <see cref="Value"/>s and what compiled code holds: a funcref is a
/// <see cref="FunctionInstance"/> (or null) inside WebAssembly and a <see cref="Function"/> outside.
/// </summary>
internal static class ValueConversion
{
    /// <summary>
    /// Whether a public value may be stored where <paramref name="type"/> is expected. Concrete heap types in
    /// <paramref name="type"/> are engine ids (a canonical type) and need <paramref name="registry"/>; without it
    /// only the abstract types of host signatures can be checked. A null fits a nullable type of its hierarchy;
    /// a function fits func and, by declared subtyping, a concrete function type.
    /// </summary>
    public static bool Matches(Value value, ValueType type, SignatureRegistry? registry = null)
    {
        if (!type.IsReference || !value.Type.IsReference) return value.Type == type;
        var top = TopOf(value.Type.Heap, registry);
        if (top != TopOf(type.Heap, registry)) return false;
        if (value.Reference is null) return type.Nullable;
        if (top == HeapType.Func)
        {
            if (value.Reference is not Function function) return false;
            if (!type.Heap.IsConcrete) return type.Heap == HeapType.Func;
            return registry != null && registry.IsSubtype(function.Runtime.SignatureId, type.Heap.TypeIndex);
        }
        if (top == HeapType.Any) return GcMatches(value.Reference, type.Heap, registry);
        // A host value (externref, exnref) carries no finer type than its hierarchy's top.
        return type.Heap == top;
    }

    /// <summary>Whether a non-null value of the any hierarchy is of <paramref name="heap"/> (concrete heap types as engine ids).</summary>
    private static bool GcMatches(object reference, HeapType heap, SignatureRegistry? registry)
    {
        if (heap.IsConcrete) return registry != null && GcCasts.IsSubtype(reference, registry[heap.TypeIndex]);
        if (heap == HeapType.Any) return true;
        if (heap == HeapType.Eq) return GcCasts.IsEq(reference);
        if (heap == HeapType.I31) return GcCasts.IsI31(reference);
        if (heap == HeapType.Struct) return GcCasts.IsStruct(reference);
        if (heap == HeapType.Array) return GcCasts.IsArray(reference);
        return false;
    }

    private static HeapType TopOf(HeapType heap, SignatureRegistry? registry)
    {
        if (heap.IsConcrete)
            return registry == null || registry[heap.TypeIndex].Kind == Model.CompositeKind.Function ? HeapType.Func : HeapType.Any;
        return heap.Code switch
        {
            -0x10 or -0x0D => HeapType.Func,
            -0x11 or -0x0E => HeapType.Extern,
            -0x17 or -0x0C => HeapType.Exn,
            _ => HeapType.Any,
        };
    }

    /// <summary>A value for a table or global whose (canonical) type is <paramref name="type"/>, in its form inside WebAssembly.</summary>
    public static object? ToReference(Value value, ValueType type, Engine engine)
    {
        if (!Matches(value, type, engine.Signatures)) throw new ArgumentException($"value of type {value.Type} does not fit {type}");
        return ToWasm(value.Reference);
    }

    /// <summary>A public reference to its form inside WebAssembly.</summary>
    public static object? ToWasm(object? reference) => reference is Function function ? function.Runtime : reference;

    /// <summary>A funcref from WebAssembly to the public form.</summary>
    public static Function? ToFunction(object? reference) =>
        reference is FunctionInstance function ? Function.Wrap(function) : null;

    public static Value FromReference(object? reference, ValueType type, Engine? engine) =>
        type.Heap == HeapType.Extern || type.Heap == HeapType.NoExtern ? Value.ExternRef(reference)
        : IsExn(type) ? Value.ExnRef(reference as ThrownException)
        : TopOf(type.Heap, engine?.Signatures) == HeapType.Any ? Value.AnyReference(reference, ValueType.Ref(HeapType.Any, nullable: true))
        : Value.FuncRef(ToFunction(reference));

    /// <summary>True for the exception hierarchy's references (exnref and its bottom, noexn).</summary>
    public static bool IsExn(ValueType type) => type.Heap == HeapType.Exn || type.Heap == HeapType.NoExn;

    public static Value ExnRefValue(object? reference) => Value.ExnRef(reference as ThrownException);

    public static Value FuncRefValue(object? reference) => Value.FuncRef(ToFunction(reference));

    /// <summary>A struct field's or array element's value in the public form (packed storage as an i32).</summary>
    public static Value FromField(WasmValue value, Model.StorageType storage)
    {
        if (storage.IsPacked) return Value.I32((int)value.Bits);
        var type = storage.Type;
        return type.Kind switch
        {
            ValueKind.I32 => Value.I32((int)value.Bits),
            ValueKind.I64 => Value.I64(value.Bits),
            ValueKind.F32 => Value.F32Bits((uint)value.Bits),
            ValueKind.F64 => Value.F64Bits((ulong)value.Bits),
            ValueKind.V128 => Value.V128(value.Vector),
            _ when type.Heap == HeapType.Extern || type.Heap == HeapType.NoExtern => Value.ExternRef(value.Reference),
            _ when IsExn(type) => ExnRefValue(value.Reference),
            _ when type.Heap == HeapType.Func || type.Heap == HeapType.NoFunc => FuncRefValue(value.Reference),
            _ when type.Heap.IsConcrete => ConcreteRefValue(value.Reference),
            _ => AnyRefValue(value.Reference),
        };
    }

    /// <summary>A reference of the any hierarchy from WebAssembly to the public form.</summary>
    public static Value AnyRefValue(object? reference) => Value.AnyReference(reference, ValueType.Ref(HeapType.Any, nullable: true));

    /// <summary>A reference to a concrete type: a function, or a struct or array (a null is given as a null funcref).</summary>
    public static Value ConcreteRefValue(object? reference) => reference is GcObject ? AnyRefValue(reference) : FuncRefValue(reference);

    public static object? FuncRefOf(in Value value) => ToWasm(value.Reference);

    public static Value Load(GlobalCell cell, Engine engine) => cell.Type.ValueType.Kind switch
    {
        ValueKind.I32 => Value.I32(cell.I32),
        ValueKind.I64 => Value.I64(cell.I64),
        ValueKind.F32 => Value.F32Bits(BitConverter.SingleToUInt32Bits(cell.F32)),
        ValueKind.F64 => Value.F64Bits(BitConverter.DoubleToUInt64Bits(cell.F64)),
        ValueKind.V128 => Value.V128(cell.V128!.Value),
        _ => FromReference(cell.Ref, cell.Type.ValueType, engine),
    };

    public static void Store(GlobalCell cell, Value value, Engine engine)
    {
        var type = cell.Canonical;
        if (!Matches(value, type, engine.Signatures)) throw new ArgumentException($"value of type {value.Type} does not fit a global of type {type}");
        switch (type.Kind)
        {
            case ValueKind.I32: cell.I32 = value.AsI32(); break;
            case ValueKind.I64: cell.I64 = value.AsI64(); break;
            case ValueKind.F32: cell.F32 = BitConverter.UInt32BitsToSingle(value.AsF32Bits()); break;
            case ValueKind.F64: cell.F64 = BitConverter.UInt64BitsToDouble(value.AsF64Bits()); break;
            case ValueKind.V128: cell.V128!.Value = value.AsV128(); break;
            default: cell.Ref = ToWasm(value.Reference); break;
        }
    }
}
