using Heron.Runtime.Gc;

namespace Heron;

/// <summary>
/// A WebAssembly GC value as the host sees it: a struct, an array or an i31, the same object the WebAssembly
/// code holds (no copy, no wrapper). The host may keep it, pass it back in a <see cref="Value.AnyRef"/>, and
/// compare it: two references are equal when they are the same struct or array, or i31s of the same value
/// (what <c>ref.eq</c> says). Fields and elements can be read, typed by the WebAssembly type, for debugging.
/// </summary>
public abstract class AnyRef
{
    private protected AnyRef()
    {
    }

    /// <summary>Which kind of GC value this is.</summary>
    public abstract AnyRefKind Kind { get; }

    /// <summary>An i31 reference to the low 31 bits of <paramref name="value"/>.</summary>
    public static AnyRef I31(int value) => I31Ref.Of(value);

    /// <summary>A struct's number of fields.</summary>
    public virtual int FieldCount => throw NotA(AnyRefKind.Struct);

    /// <summary>A struct's field <paramref name="index"/> (packed i8 and i16 fields zero-extended to i32).</summary>
    public virtual Value GetField(int index) => throw NotA(AnyRefKind.Struct);

    /// <summary>An array's number of elements.</summary>
    public virtual int Length => throw NotA(AnyRefKind.Array);

    /// <summary>An array's element <paramref name="index"/> (packed i8 and i16 elements zero-extended to i32).</summary>
    public virtual Value GetElement(int index) => throw NotA(AnyRefKind.Array);

    /// <summary>An i31's value, sign-extended from 31 bits (<c>i31.get_s</c>).</summary>
    public virtual int I31Value => throw NotA(AnyRefKind.I31);

    private InvalidOperationException NotA(AnyRefKind kind) => new($"the reference is a {Kind}, not a {kind}");
}
