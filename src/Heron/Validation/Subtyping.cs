using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// The matching relation on value types: equality for numbers and vectors, and for references the subtype
/// order of 3.0 (nullability, the abstract heap hierarchy, declared supertypes of concrete types). In 2.0
/// modules it degenerates to equality of funcref and externref. Also holds the "bottom" type that the
/// validation algorithm pops from the polymorphic stack of unreachable code.
/// </summary>
internal sealed class Subtyping
{
    /// <summary>The unknown type of values popped in unreachable code: it matches every type.</summary>
    public static readonly ValueType Bottom = ValueType.Ref(new HeapType(int.MinValue), nullable: false);

    private readonly TypeDefinition[] types;
    private readonly int[] canonical;

    public Subtyping(TypeDefinition[] types)
    {
        this.types = types;
        canonical = TypeCanonicalizer.Canonicalize(types);
    }

    public static bool IsBottom(ValueType type) => type.Kind == ValueKind.Ref && type.Heap.Code == int.MinValue;

    /// <summary>True when a value of type <paramref name="actual"/> may be used where <paramref name="expected"/> is required.</summary>
    public bool Matches(ValueType actual, ValueType expected)
    {
        if (actual.Kind != ValueKind.Ref) return actual.Kind == expected.Kind;
        if (actual.Heap.Code == int.MinValue) return true;
        if (expected.Kind != ValueKind.Ref) return false;
        if (actual.Nullable && !expected.Nullable) return false;
        return HeapMatches(actual.Heap, expected.Heap);
    }

    /// <summary>True when both types match each other (type equivalence).</summary>
    public bool Equivalent(ValueType a, ValueType b) => Matches(a, b) && Matches(b, a);

    public bool HeapMatches(HeapType actual, HeapType expected)
    {
        if (actual.Code == expected.Code) return true;
        if (actual.IsConcrete)
        {
            if (expected.IsConcrete) return ConcreteMatches(actual.TypeIndex, expected.TypeIndex);
            return ConcreteMatchesAbstract(KindOf(actual.TypeIndex), expected);
        }
        if (expected.IsConcrete) return BottomOf(KindOf(expected.TypeIndex)) == actual;
        return AbstractMatches(actual, expected);
    }

    /// <summary>Whether a concrete type of <paramref name="kind"/> matches the abstract <paramref name="expected"/>.</summary>
    public static bool ConcreteMatchesAbstract(CompositeKind kind, HeapType expected) => kind switch
    {
        CompositeKind.Function => expected == HeapType.Func,
        _ => expected == HeapType.Eq || expected == HeapType.Any ||
             (kind == CompositeKind.Struct ? expected == HeapType.Struct : expected == HeapType.Array),
    };

    /// <summary>The abstract bottom type below every concrete type of <paramref name="kind"/>.</summary>
    public static HeapType BottomOf(CompositeKind kind) => kind == CompositeKind.Function ? HeapType.NoFunc : HeapType.None;

    /// <summary>The order among abstract heap types (both abstract, and different).</summary>
    public static bool AbstractMatches(HeapType actual, HeapType expected)
    {
        return actual.Code switch
        {
            -0x0F => expected == HeapType.I31 || expected == HeapType.Struct || expected == HeapType.Array
                     || expected == HeapType.Eq || expected == HeapType.Any, // none
            -0x14 or -0x15 or -0x16 => expected == HeapType.Eq || expected == HeapType.Any, // i31, struct, array
            -0x13 => expected == HeapType.Any, // eq
            -0x0D => expected == HeapType.Func, // nofunc
            -0x0E => expected == HeapType.Extern, // noextern
            -0x0C => expected == HeapType.Exn, // noexn
            _ => false,
        };
    }

    /// <summary>The top of the hierarchy a heap type belongs to (func, extern, any or exn).</summary>
    public HeapType TopOf(HeapType heap)
    {
        if (heap.IsConcrete) return KindOf(heap.TypeIndex) == CompositeKind.Function ? HeapType.Func : HeapType.Any;
        return heap.Code switch
        {
            -0x10 or -0x0D => HeapType.Func,
            -0x11 or -0x0E => HeapType.Extern,
            -0x17 or -0x0C => HeapType.Exn,
            _ => HeapType.Any,
        };
    }

    /// <summary>Whether two type indices denote the same type once recursion groups are compared structurally.</summary>
    public bool SameType(int a, int b) => a == b || canonical[a] == canonical[b];

    private CompositeKind KindOf(int typeIndex) =>
        (uint)typeIndex < (uint)types.Length ? types[typeIndex].Kind : CompositeKind.Function;

    private bool ConcreteMatches(int actual, int expected)
    {
        if ((uint)actual >= (uint)types.Length || (uint)expected >= (uint)types.Length) return actual == expected;
        // Declared supertypes form a chain towards lower indices or within a recursion group; the bound
        // guards against a cycle in an invalid module.
        for (int steps = 0; steps <= types.Length; steps++)
        {
            if (SameType(actual, expected)) return true;
            var supers = types[actual].SuperTypes;
            if (supers.Length == 0 || (uint)supers[0] >= (uint)types.Length) return false;
            actual = supers[0];
        }
        return false;
    }
}
