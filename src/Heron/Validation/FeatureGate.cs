using Heron.Instructions;

namespace Heron.Validation;

/// <summary>Which <see cref="WasmFeatures"/> an instruction's <see cref="Feature"/> needs.</summary>
internal static class FeatureGate
{
    // Indexed by Feature.
    private static readonly WasmFeatures[] Required =
    [
        WasmFeatures.None,               // Core
        WasmFeatures.BulkMemory,         // BulkMemory
        WasmFeatures.ReferenceTypes,     // ReferenceTypes
        WasmFeatures.Simd,               // Simd
        WasmFeatures.TailCall,           // TailCall
        WasmFeatures.FunctionReferences, // FunctionReferences
        WasmFeatures.Gc,                 // Gc
        WasmFeatures.Exceptions,         // Exceptions
        WasmFeatures.LegacyExceptions,   // LegacyExceptions
        WasmFeatures.RelaxedSimd,        // RelaxedSimd
        WasmFeatures.Threads,            // Threads
        WasmFeatures.WideArithmetic,     // WideArithmetic
    ];

    public static bool IsEnabled(Feature feature, WasmFeatures enabled)
    {
        var required = Required[(int)feature];
        return (enabled & required) == required;
    }
}
