namespace Heron.Runtime;

/// <summary>
/// Float constants the JIT must not see as constants. RyuJIT folds <c>x - 0.0</c>, <c>x * 1.0</c>,
/// <c>x / 1.0</c> and the like to <c>x</c>, which is wrong for WebAssembly: the operation must still
/// quiet a signalling NaN. Loaded from mutable statics (never written), these values cannot be folded.
/// </summary>
internal static class FloatConstants
{
#pragma warning disable CA2211 // Mutable on purpose: readonly statics would be folded by the JIT.
    public static float F32PositiveZero = 0f;
    public static float F32NegativeZero = -0f;
    public static float F32PositiveOne = 1f;
    public static float F32NegativeOne = -1f;
    public static double F64PositiveZero = 0d;
    public static double F64NegativeZero = -0d;
    public static double F64PositiveOne = 1d;
    public static double F64NegativeOne = -1d;
#pragma warning restore CA2211

    /// <summary>The static holding <paramref name="bits"/>, for the values the JIT would fold away.</summary>
    public static string? F32Field(int bits) => bits switch
    {
        0 => nameof(F32PositiveZero),
        unchecked((int)0x80000000) => nameof(F32NegativeZero),
        0x3F800000 => nameof(F32PositiveOne),
        unchecked((int)0xBF800000) => nameof(F32NegativeOne),
        _ => null,
    };

    public static string? F64Field(long bits) => bits switch
    {
        0 => nameof(F64PositiveZero),
        unchecked((long)0x8000000000000000) => nameof(F64NegativeZero),
        0x3FF0000000000000 => nameof(F64PositiveOne),
        unchecked((long)0xBFF0000000000000) => nameof(F64NegativeOne),
        _ => null,
    };
}
