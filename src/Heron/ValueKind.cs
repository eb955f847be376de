namespace Heron;

/// <summary>The kind of a WebAssembly value: a number, a vector or a reference.</summary>
public enum ValueKind : byte
{
    /// <summary>32-bit integer.</summary>
    I32,
    /// <summary>64-bit integer.</summary>
    I64,
    /// <summary>32-bit IEEE float.</summary>
    F32,
    /// <summary>64-bit IEEE float.</summary>
    F64,
    /// <summary>128-bit vector.</summary>
    V128,
    /// <summary>A reference; its <see cref="HeapType"/> says to what.</summary>
    Ref,
}
