using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>What every SIMD helper in Runtime/Simd*.cs is marked with.</summary>
internal static class SimdHelper
{
    /// <summary>
    /// Inlined where the caller's inline budget lasts. Big functions exhaust it (blake3-simd's) and keep
    /// calls; without <see cref="MethodImplOptions.AggressiveOptimization"/> the called helper would start
    /// at tier 0 (Vector128 operations as calls, not instructions) and stay there until call counting
    /// begins, 100 ms later, inside the program's run. Optimised at once, it is also what
    /// <see cref="Compilation.AheadJit"/> prepares with the module that uses it.
    /// </summary>
    public const MethodImplOptions Options = MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization;
}
