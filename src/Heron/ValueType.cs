namespace Heron;

/// <summary>A WebAssembly value type: a number type, <c>v128</c>, or a reference type.</summary>
public readonly record struct ValueType
{
    private ValueType(ValueKind kind, HeapType heap, bool nullable)
    {
        Kind = kind;
        Heap = heap;
        Nullable = nullable;
    }

    // Equality written out: the record's own compares each field through EqualityComparer<T>.Default, framework
    // generic code over Heron's types that ReadyToRun cannot hold and every start of the tool JIT-compiled.
    /// <summary>Same kind, heap type and nullability.</summary>
    public bool Equals(ValueType other) => Kind == other.Kind && Heap.Code == other.Heap.Code && Nullable == other.Nullable;

    /// <inheritdoc />
    public override int GetHashCode() => unchecked(((int)Kind * 397 ^ Heap.Code) * 397 ^ (Nullable ? 1 : 0));

    /// <summary>The kind of the value.</summary>
    public ValueKind Kind { get; }

    /// <summary>For references: what they point to.</summary>
    public HeapType Heap { get; }

    /// <summary>For references: whether null is a value of the type.</summary>
    public bool Nullable { get; }

    /// <summary><c>i32</c>.</summary>
    public static readonly ValueType I32 = new(ValueKind.I32, default, false);
    /// <summary><c>i64</c>.</summary>
    public static readonly ValueType I64 = new(ValueKind.I64, default, false);
    /// <summary><c>f32</c>.</summary>
    public static readonly ValueType F32 = new(ValueKind.F32, default, false);
    /// <summary><c>f64</c>.</summary>
    public static readonly ValueType F64 = new(ValueKind.F64, default, false);
    /// <summary><c>v128</c>.</summary>
    public static readonly ValueType V128 = new(ValueKind.V128, default, false);
    /// <summary><c>funcref</c>, that is <c>(ref null func)</c>.</summary>
    public static readonly ValueType FuncRef = new(ValueKind.Ref, HeapType.Func, true);
    /// <summary><c>externref</c>, that is <c>(ref null extern)</c>.</summary>
    public static readonly ValueType ExternRef = new(ValueKind.Ref, HeapType.Extern, true);

    /// <summary>A reference type <c>(ref null? heap)</c>.</summary>
    public static ValueType Ref(HeapType heap, bool nullable) => new(ValueKind.Ref, heap, nullable);

    /// <summary>True for reference types.</summary>
    public bool IsReference => Kind == ValueKind.Ref;

    /// <summary>True for <c>i32</c>, <c>i64</c>, <c>f32</c> and <c>f64</c>.</summary>
    public bool IsNumber => Kind <= ValueKind.F64;

    /// <summary>The text-format spelling of the type.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.I32 => "i32",
        ValueKind.I64 => "i64",
        ValueKind.F32 => "f32",
        ValueKind.F64 => "f64",
        ValueKind.V128 => "v128",
        _ when Nullable && Heap == HeapType.Func => "funcref",
        _ when Nullable && Heap == HeapType.Extern => "externref",
        _ when Nullable && !Heap.IsConcrete => $"{Heap}ref",
        _ => Nullable ? $"(ref null {Heap})" : $"(ref {Heap})",
    };
}
