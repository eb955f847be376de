using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// WebAssembly numeric semantics that need more than one CIL instruction: trapping division and
/// conversions with the specification's checks, saturating conversions, min/max with signed zeros and
/// NaN, and correctly rounded unsigned 64-bit to float conversion. Compiled code calls these; they are
/// small so the JIT inlines the hot ones, and the traps stay in <see cref="TrapHelpers"/>.
/// </summary>
internal static class NumericHelpers
{
    public static int I32DivS(int a, int b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        if (b == -1 && a == int.MinValue) TrapHelpers.IntegerOverflow();
        return a / b;
    }

    public static int I32DivU(int a, int b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        return (int)((uint)a / (uint)b);
    }

    public static int I32RemS(int a, int b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        // INT_MIN % -1 overflows in hardware; the specification's answer is 0.
        return b == -1 ? 0 : a % b;
    }

    public static int I32RemU(int a, int b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        return (int)((uint)a % (uint)b);
    }

    public static long I64DivS(long a, long b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        if (b == -1 && a == long.MinValue) TrapHelpers.IntegerOverflow();
        return a / b;
    }

    public static long I64DivU(long a, long b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        return (long)((ulong)a / (ulong)b);
    }

    public static long I64RemS(long a, long b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        return b == -1 ? 0 : a % b;
    }

    public static long I64RemU(long a, long b)
    {
        if (b == 0) TrapHelpers.IntegerDivideByZero();
        return (long)((ulong)a % (ulong)b);
    }

    public static int I32Rotl(int a, int b) => (int)System.Numerics.BitOperations.RotateLeft((uint)a, b);
    public static int I32Rotr(int a, int b) => (int)System.Numerics.BitOperations.RotateRight((uint)a, b);
    public static long I64Rotl(long a, long b) => (long)System.Numerics.BitOperations.RotateLeft((ulong)a, (int)b);
    public static long I64Rotr(long a, long b) => (long)System.Numerics.BitOperations.RotateRight((ulong)a, (int)b);
    public static int I32Clz(int a) => System.Numerics.BitOperations.LeadingZeroCount((uint)a);
    public static int I32Ctz(int a) => System.Numerics.BitOperations.TrailingZeroCount(a);
    public static int I32Popcnt(int a) => System.Numerics.BitOperations.PopCount((uint)a);
    public static long I64Clz(long a) => System.Numerics.BitOperations.LeadingZeroCount((ulong)a);
    public static long I64Ctz(long a) => System.Numerics.BitOperations.TrailingZeroCount(a);
    public static long I64Popcnt(long a) => System.Numerics.BitOperations.PopCount((ulong)a);

    // min/max: -0 is below +0, and a NaN operand gives that NaN quieted, the second one when both are: any
    // arithmetic NaN is allowed, and these are Wasmtime's bits (read from Wasmtime 50.0.1 for both orders
    // of signalling and quiet NaNs of either sign, f32 and f64), so a copysign of the result agrees too.
    // It is done on the bits: adding the operands instead let the JIT fold a constant signalling NaN
    // through unquieted.
    private static float QuietNaN(float a, float b) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(float.IsNaN(b) ? b : a) | 0x0040_0000);

    private static double QuietNaN(double a, double b) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(double.IsNaN(b) ? b : a) | 0x0008_0000_0000_0000);

    public static float F32Min(float a, float b)
    {
        if (a < b) return a;
        if (b < a) return b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b));
        return QuietNaN(a, b);
    }

    public static float F32Max(float a, float b)
    {
        if (a > b) return a;
        if (b > a) return b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b));
        return QuietNaN(a, b);
    }

    public static double F64Min(double a, double b)
    {
        if (a < b) return a;
        if (b < a) return b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b));
        return QuietNaN(a, b);
    }

    public static double F64Max(double a, double b)
    {
        if (a > b) return a;
        if (b > a) return b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b));
        return QuietNaN(a, b);
    }

    // Sign operations are bit operations so that NaN payloads pass through unchanged.
    public static float F32Abs(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & int.MaxValue);
    public static float F32Neg(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) ^ int.MinValue);
    public static float F32Copysign(float a, float b) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(a) & int.MaxValue) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));
    public static double F64Abs(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & long.MaxValue);
    public static double F64Neg(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) ^ long.MinValue);
    public static double F64Copysign(double a, double b) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    public static float F32Nearest(float a) => MathF.Round(a, MidpointRounding.ToEven);
    public static double F64Nearest(double a) => Math.Round(a, MidpointRounding.ToEven);

    /// <summary>
    /// An f32 constant with a signalling NaN payload: the JIT keeps float constants as doubles, which
    /// would quiet the NaN, so such constants are built from their bits at run time.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    /// <summary>f32.reinterpret_i32 where the JIT must not see where the bits came from (see its caller).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBitsOpaque(int bits) => BitConverter.Int32BitsToSingle(bits);

    /// <summary>f64.reinterpret_i64 where the JIT must not fold the bit cast into a narrower read (see its caller).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double F64FromBitsOpaque(long bits) => BitConverter.Int64BitsToDouble(bits);

    /// <summary>f32.demote_f64 where the JIT must not see the conversion (see its caller).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32DemoteOpaque(double value) => (float)value;

    public static float F32ConvertU64(long value)
    {
        var u = (ulong)value;
        if ((long)u >= 0) return (float)(long)u;
        // Halve with a sticky low bit so that the single rounding to float is the correct one.
        var half = (u >> 1) | (u & 1);
        var f = (float)(long)half;
        return f + f;
    }

    public static double F64ConvertU64(long value)
    {
        var u = (ulong)value;
        if ((long)u >= 0) return (double)(long)u;
        var half = (u >> 1) | (u & 1);
        var d = (double)(long)half;
        return d + d;
    }

    public static int I32TruncF32S(float x)
    {
        if (x >= -2147483648f && x < 2147483648f) return (int)x;
        return TruncTrap<int>(float.IsNaN(x));
    }

    public static int I32TruncF32U(float x)
    {
        if (x > -1f && x < 4294967296f) return (int)(uint)x;
        return TruncTrap<int>(float.IsNaN(x));
    }

    public static int I32TruncF64S(double x)
    {
        if (x > -2147483649.0 && x < 2147483648.0) return (int)x;
        return TruncTrap<int>(double.IsNaN(x));
    }

    public static int I32TruncF64U(double x)
    {
        if (x > -1.0 && x < 4294967296.0) return (int)(uint)x;
        return TruncTrap<int>(double.IsNaN(x));
    }

    public static long I64TruncF32S(float x)
    {
        if (x >= -9223372036854775808f && x < 9223372036854775808f) return (long)x;
        return TruncTrap<long>(float.IsNaN(x));
    }

    public static long I64TruncF32U(float x)
    {
        if (x > -1f && x < 18446744073709551616f) return (long)(ulong)x;
        return TruncTrap<long>(float.IsNaN(x));
    }

    public static long I64TruncF64S(double x)
    {
        if (x >= -9223372036854775808.0 && x < 9223372036854775808.0) return (long)x;
        return TruncTrap<long>(double.IsNaN(x));
    }

    public static long I64TruncF64U(double x)
    {
        if (x > -1.0 && x < 18446744073709551616.0) return (long)(ulong)x;
        return TruncTrap<long>(double.IsNaN(x));
    }

    private static T TruncTrap<T>(bool isNaN)
    {
        if (isNaN) TrapHelpers.InvalidConversion();
        TrapHelpers.IntegerOverflow();
        return default!;
    }

    public static int I32TruncSatF32S(float x) =>
        float.IsNaN(x) ? 0 : x < -2147483648f ? int.MinValue : x >= 2147483648f ? int.MaxValue : (int)x;

    public static int I32TruncSatF32U(float x) =>
        !(x > -1f) ? 0 : x >= 4294967296f ? -1 : (int)(uint)x;

    public static int I32TruncSatF64S(double x) =>
        double.IsNaN(x) ? 0 : x <= -2147483649.0 ? int.MinValue : x >= 2147483648.0 ? int.MaxValue : (int)x;

    public static int I32TruncSatF64U(double x) =>
        !(x > -1.0) ? 0 : x >= 4294967296.0 ? -1 : (int)(uint)x;

    public static long I64TruncSatF32S(float x) =>
        float.IsNaN(x) ? 0 : x < -9223372036854775808f ? long.MinValue : x >= 9223372036854775808f ? long.MaxValue : (long)x;

    public static long I64TruncSatF32U(float x) =>
        !(x > -1f) ? 0 : x >= 18446744073709551616f ? -1L : (long)(ulong)x;

    public static long I64TruncSatF64S(double x) =>
        double.IsNaN(x) ? 0 : x < -9223372036854775808.0 ? long.MinValue : x >= 9223372036854775808.0 ? long.MaxValue : (long)x;

    public static long I64TruncSatF64U(double x) =>
        !(x > -1.0) ? 0 : x >= 18446744073709551616.0 ? -1L : (long)(ulong)x;
}
