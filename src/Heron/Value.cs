using System.Runtime.Intrinsics;

namespace Heron;

/// <summary>
/// A WebAssembly value with its type: a number (floats kept as raw bits, so NaN payloads survive), a
/// 128-bit vector, or a reference (a <see cref="Function"/> for funcref, any host object for externref).
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly ulong low;
    private readonly ulong high;
    private readonly object? reference;

    private Value(ValueType type, ulong low, ulong high = 0, object? reference = null)
    {
        Type = type;
        this.low = low;
        this.high = high;
        this.reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValueType Type { get; }

    /// <summary>An <c>i32</c>.</summary>
    public static Value I32(int value) => new(ValueType.I32, (uint)value);

    /// <summary>An <c>i64</c>.</summary>
    public static Value I64(long value) => new(ValueType.I64, (ulong)value);

    /// <summary>An <c>f32</c>.</summary>
    public static Value F32(float value) => new(ValueType.F32, BitConverter.SingleToUInt32Bits(value));

    /// <summary>An <c>f32</c> given by its bits (any NaN payload is kept).</summary>
    public static Value F32Bits(uint bits) => new(ValueType.F32, bits);

    /// <summary>An <c>f64</c>.</summary>
    public static Value F64(double value) => new(ValueType.F64, BitConverter.DoubleToUInt64Bits(value));

    /// <summary>An <c>f64</c> given by its bits (any NaN payload is kept).</summary>
    public static Value F64Bits(ulong bits) => new(ValueType.F64, bits);

    /// <summary>A <c>v128</c>.</summary>
    public static Value V128(Vector128<byte> value)
    {
        var lanes = value.AsUInt64();
        return new(ValueType.V128, lanes.GetElement(0), lanes.GetElement(1));
    }

    /// <summary>A <c>funcref</c>; null gives the null reference.</summary>
    public static Value FuncRef(Function? function) => new(ValueType.FuncRef, 0, 0, function);

    /// <summary>An <c>externref</c> holding any host object; null gives the null reference.</summary>
    public static Value ExternRef(object? value) => new(ValueType.ExternRef, 0, 0, value);

    /// <summary>An <c>exnref</c> holding a WebAssembly exception; null gives the null reference.</summary>
    public static Value ExnRef(ThrownException? exception) => new(ValueType.Ref(HeapType.Exn, nullable: true), 0, 0, exception);

    /// <summary>The null reference of a reference type.</summary>
    public static Value Null(ValueType type) =>
        type.IsReference ? new(type, 0) : throw new ArgumentException($"{type} is not a reference type", nameof(type));

    /// <summary>The default (zero or null) value of a type.</summary>
    public static Value Default(ValueType type) => new(type, 0);

    /// <summary>The <c>i32</c> value.</summary>
    public int AsI32() => (int)low;

    /// <summary>The <c>i64</c> value.</summary>
    public long AsI64() => (long)low;

    /// <summary>The <c>f32</c> value.</summary>
    public float AsF32() => BitConverter.UInt32BitsToSingle((uint)low);

    /// <summary>The bits of the <c>f32</c> value.</summary>
    public uint AsF32Bits() => (uint)low;

    /// <summary>The <c>f64</c> value.</summary>
    public double AsF64() => BitConverter.UInt64BitsToDouble(low);

    /// <summary>The bits of the <c>f64</c> value.</summary>
    public ulong AsF64Bits() => low;

    /// <summary>The <c>v128</c> value.</summary>
    public Vector128<byte> AsV128() => Vector128.Create(low, high).AsByte();

    /// <summary>The function of a funcref (null for the null reference).</summary>
    public Function? AsFunction() => reference as Function;

    /// <summary>The host object of an externref (null for the null reference).</summary>
    public object? AsExternRef() => reference;

    /// <summary>The exception of an exnref (null for the null reference).</summary>
    public ThrownException? AsExnRef() => reference as ThrownException;

    /// <summary>True for a null reference.</summary>
    public bool IsNull => Type.IsReference && reference == null;

    /// <summary>
    /// An <c>anyref</c>: a GC value (<see cref="Heron.AnyRef"/>), null, or any other host object, which WebAssembly
    /// sees inside the any hierarchy as <c>any.convert_extern</c> would make it.
    /// </summary>
    public static Value AnyRef(object? value) => new(ValueType.Ref(HeapType.Any, nullable: true), 0, 0, value);

    /// <summary>The GC value of an anyref (or of any reference holding one), or null.</summary>
    public AnyRef? AsAnyRef() => reference as AnyRef;

    /// <summary>A reference of the any hierarchy (a GC object, an i31, or a host value inside any) as the runtime holds it.</summary>
    internal static Value AnyReference(object? reference, ValueType type) => new(type, 0, 0, reference);

    /// <summary>The reference, whatever its type (internal: the runtime's view).</summary>
    internal object? Reference => reference;

    /// <summary>Same type and same bits (references by identity).</summary>
    public bool Equals(Value other) =>
        Type == other.Type && low == other.low && high == other.high && ReferenceEquals(reference, other.reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, low, high, reference);

    /// <summary>Equality of type and bits.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality of type or bits.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value as <c>type:value</c>.</summary>
    public override string ToString() => Type.Kind switch
    {
        ValueKind.I32 => $"i32:{AsI32()}",
        ValueKind.I64 => $"i64:{AsI64()}",
        ValueKind.F32 => $"f32:{AsF32()}",
        ValueKind.F64 => $"f64:{AsF64()}",
        ValueKind.V128 => $"v128:{AsV128()}",
        _ => reference == null ? $"{Type}:null" : $"{Type}:{reference}",
    };

    /// <summary>An <c>i32</c>.</summary>
    public static implicit operator Value(int value) => I32(value);

    /// <summary>An <c>i64</c>.</summary>
    public static implicit operator Value(long value) => I64(value);

    /// <summary>An <c>f32</c>.</summary>
    public static implicit operator Value(float value) => F32(value);

    /// <summary>An <c>f64</c>.</summary>
    public static implicit operator Value(double value) => F64(value);
}
