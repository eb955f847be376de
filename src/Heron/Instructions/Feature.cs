namespace Heron.Instructions;

/// <summary>The WebAssembly feature (standard or proposal) an instruction belongs to.</summary>
internal enum Feature : byte
{
    /// <summary>The MVP and the small 2.0 additions (sign extension, saturating conversions, multi-value).</summary>
    Core,
    BulkMemory,
    ReferenceTypes,
    Simd,
    TailCall,
    FunctionReferences,
    Gc,
    Exceptions,
    /// <summary>The pre-3.0 exception instructions (try/catch/delegate/rethrow).</summary>
    LegacyExceptions,
    RelaxedSimd,
    /// <summary>Shared memories and the 0xFE atomic instructions.</summary>
    Threads,
    /// <summary>128-bit addition and subtraction, 64x64-to-128-bit multiplication (i64.add128 and friends).</summary>
    WideArithmetic,
}
