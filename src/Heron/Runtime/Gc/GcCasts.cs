using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// What <c>ref.test</c>, <c>ref.cast</c> and <c>br_on_cast(_fail)</c> ask of a non-null reference, one method per
/// kind of target heap type. A concrete type is one type test and a look-up in the supertype display.
/// </summary>
internal static class GcCasts
{
    public static bool IsI31(object value) => value is I31Ref;

    public static bool IsStruct(object value) => value is GcStruct;

    public static bool IsArray(object value) => value is GcArray;

    public static bool IsEq(object value) => value is GcObject or I31Ref;

    /// <summary>A concrete struct, array or function type, or a subtype of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSubtype(object value, CanonicalType type) => value switch
    {
        GcObject gc => gc.Type.IsSubtypeOf(type),
        FunctionInstance function => function.Canonical.IsSubtypeOf(type),
        _ => false,
    };

    /// <summary>
    /// A struct of <paramref name="type"/> or a subtype: the test against the sealed <see cref="GcStruct"/> is one
    /// method-table compare the JIT inlines, where a test against the abstract <see cref="GcObject"/> is a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsStructOf(object value, CanonicalType type) => value is GcStruct s && s.Type.IsSubtypeOf(type);

    /// <summary>
    /// A struct of exactly <paramref name="type"/>, a final type: no other type has it as an ancestor, and canonical
    /// types are unique per engine, so the test is one reference compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsStructExactly(object value, CanonicalType type) => value is GcStruct s && ReferenceEquals(s.Type, type);

    /// <summary><c>ref.eq</c>: the same object, or two i31 references of the same value.</summary>
    public static bool RefEq(object? a, object? b) =>
        ReferenceEquals(a, b) || (a is I31Ref x && b is I31Ref y && x.Number == y.Number);

    public static I31Ref RefI31(int value) => I31Ref.Of(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I31GetS(object? value) => value is null ? throw GcTraps.NullI31() : ((I31Ref)value).Signed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I31GetU(object? value) => value is null ? throw GcTraps.NullI31() : ((I31Ref)value).Unsigned;
}
