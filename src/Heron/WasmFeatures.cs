namespace Heron;

/// <summary>WebAssembly features beyond the 1.0 MVP that a module may use. <see cref="Wasm2"/> is the default.</summary>
[Flags]
public enum WasmFeatures
{
    /// <summary>The 1.0 MVP only.</summary>
    None = 0,
    /// <summary>Importable and exportable mutable globals.</summary>
    MutableGlobals = 1 << 0,
    /// <summary>i32.extend8_s and friends.</summary>
    SignExtension = 1 << 1,
    /// <summary>Saturating float-to-int conversions.</summary>
    SaturatingConversions = 1 << 2,
    /// <summary>Several results for functions and blocks.</summary>
    MultiValue = 1 << 3,
    /// <summary>memory.copy/fill/init, table.copy/init, passive segments.</summary>
    BulkMemory = 1 << 4,
    /// <summary>externref, several tables, table instructions.</summary>
    ReferenceTypes = 1 << 5,
    /// <summary>128-bit fixed-width SIMD.</summary>
    Simd = 1 << 6,
    /// <summary>3.0: return_call and friends.</summary>
    TailCall = 1 << 7,
    /// <summary>3.0: extended constant expressions.</summary>
    ExtendedConst = 1 << 8,
    /// <summary>3.0: typed function references.</summary>
    FunctionReferences = 1 << 9,
    /// <summary>3.0: garbage-collected structs and arrays.</summary>
    Gc = 1 << 10,
    /// <summary>3.0: exception handling with try_table and exnref.</summary>
    Exceptions = 1 << 11,
    /// <summary>3.0: 64-bit memories and tables.</summary>
    Memory64 = 1 << 12,
    /// <summary>3.0: several memories.</summary>
    MultiMemory = 1 << 13,
    /// <summary>3.0: relaxed SIMD.</summary>
    RelaxedSimd = 1 << 14,
    /// <summary>Threads proposal (not part of 3.0): shared memories.</summary>
    Threads = 1 << 15,
    /// <summary>Custom page sizes proposal (not part of 3.0): memories with one-byte pages.</summary>
    CustomPageSizes = 1 << 20,
    /// <summary>
    /// The pre-standard exception instructions <c>try</c>, <c>catch</c>, <c>catch_all</c>, <c>delegate</c> and
    /// <c>rethrow</c> (the 3.0 specification's legacy appendix), which toolchains emitted before <c>try_table</c>.
    /// Not in <see cref="Wasm3"/>: 3.0 standardised try_table and exnref in their place and deprecated these,
    /// and Wasmtime too leaves them off by default; an embedder running older modules turns them on.
    /// </summary>
    LegacyExceptions = 1 << 21,
    /// <summary>
    /// Wide arithmetic proposal (not part of 3.0): <c>i64.add128</c>, <c>i64.sub128</c>, <c>i64.mul_wide_s</c>,
    /// <c>i64.mul_wide_u</c>, 128-bit results as two i64 halves.
    /// </summary>
    WideArithmetic = 1 << 22,
    /// <summary>Everything of WebAssembly 2.0.</summary>
    Wasm2 = MutableGlobals | SignExtension | SaturatingConversions | MultiValue | BulkMemory | ReferenceTypes | Simd,
    /// <summary>Everything of WebAssembly 3.0.</summary>
    Wasm3 = Wasm2 | TailCall | ExtendedConst | FunctionReferences | Gc | Exceptions | Memory64 | MultiMemory | RelaxedSimd,
}
