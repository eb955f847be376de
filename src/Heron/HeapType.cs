namespace Heron;

/// <summary>
/// What a reference points to: an abstract heap type (negative codes, the binary format's
/// one-byte encodings) or a concrete type, by its index in the module's type section (zero or more).
/// </summary>
public readonly record struct HeapType(int Code)
{
    // Written out for the reason ValueType's equality is (no framework comparer to JIT at start).
    /// <summary>Same code.</summary>
    public bool Equals(HeapType other) => Code == other.Code;

    /// <inheritdoc />
    public override int GetHashCode() => Code;

    /// <summary>Any function (<c>func</c>).</summary>
    public static readonly HeapType Func = new(-0x10);
    /// <summary>Any host reference (<c>extern</c>).</summary>
    public static readonly HeapType Extern = new(-0x11);
    /// <summary>GC: <c>any</c>.</summary>
    public static readonly HeapType Any = new(-0x12);
    /// <summary>GC: <c>eq</c>.</summary>
    public static readonly HeapType Eq = new(-0x13);
    /// <summary>GC: <c>i31</c>.</summary>
    public static readonly HeapType I31 = new(-0x14);
    /// <summary>GC: <c>struct</c>.</summary>
    public static readonly HeapType Struct = new(-0x15);
    /// <summary>GC: <c>array</c>.</summary>
    public static readonly HeapType Array = new(-0x16);
    /// <summary>Exceptions: <c>exn</c>.</summary>
    public static readonly HeapType Exn = new(-0x17);
    /// <summary>Exceptions: <c>noexn</c>.</summary>
    public static readonly HeapType NoExn = new(-0x0C);
    /// <summary>Bottom of the function hierarchy: <c>nofunc</c>.</summary>
    public static readonly HeapType NoFunc = new(-0x0D);
    /// <summary>Bottom of the extern hierarchy: <c>noextern</c>.</summary>
    public static readonly HeapType NoExtern = new(-0x0E);
    /// <summary>Bottom of the internal hierarchy: <c>none</c>.</summary>
    public static readonly HeapType None = new(-0x0F);

    /// <summary>True for a concrete type given by a type index.</summary>
    public bool IsConcrete => Code >= 0;

    /// <summary>The type index of a concrete heap type.</summary>
    public int TypeIndex => Code;

    /// <summary>True when <paramref name="code"/> (a signed one-byte encoding) names an abstract heap type.</summary>
    public static bool IsAbstractCode(int code) => code is >= -0x17 and <= -0x0C;

    /// <summary>The text-format name of the heap type.</summary>
    public override string ToString() => Code switch
    {
        -0x10 => "func",
        -0x11 => "extern",
        -0x12 => "any",
        -0x13 => "eq",
        -0x14 => "i31",
        -0x15 => "struct",
        -0x16 => "array",
        -0x17 => "exn",
        -0x0C => "noexn",
        -0x0D => "nofunc",
        -0x0E => "noextern",
        -0x0F => "none",
        _ => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
