namespace Heron;

/// <summary>The kinds of WebAssembly GC values an <see cref="AnyRef"/> can be.</summary>
public enum AnyRefKind
{
    /// <summary>A struct (<c>structref</c>).</summary>
    Struct,
    /// <summary>An array (<c>arrayref</c>).</summary>
    Array,
    /// <summary>A 31-bit integer (<c>i31ref</c>).</summary>
    I31,
}
