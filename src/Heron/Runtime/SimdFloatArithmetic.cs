using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Heron.Runtime;

/// <summary>
/// Float lane arithmetic. Add, sub, mul, div, sqrt and rounding map to one instruction each (the
/// hardware already returns a quiet NaN for NaN inputs). abs and neg are sign-bit operations, exact
/// on NaNs too. min/max need the WebAssembly rules (NaN if either is NaN, -0 below +0), which minps and
/// maxps do not follow; pmin/pmax are the plain compare-and-select. Named as their
/// <see cref="Instructions.Opcode"/>s.
/// </summary>
internal static class SimdFloatArithmetic
{
    private const MethodImplOptions Hot = SimdHelper.Options;

    [MethodImpl(Hot)] public static V F32x4Add(V a, V b) => (a.AsSingle() + b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Sub(V a, V b) => (a.AsSingle() - b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Mul(V a, V b) => (a.AsSingle() * b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Div(V a, V b) => (a.AsSingle() / b.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Sqrt(V a) => Vector128.Sqrt(a.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Abs(V a) => (a.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte();
    [MethodImpl(Hot)] public static V F32x4Neg(V a) => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();
    [MethodImpl(Hot)] public static V F32x4Ceil(V a) => Vector128.Ceiling(a.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Floor(V a) => Vector128.Floor(a.AsSingle()).AsByte();
    [MethodImpl(Hot)] public static V F32x4Trunc(V a) => Vector128.Truncate(a.AsSingle()).AsByte();
    /// <summary>Round to nearest, ties to even (Vector128.Round's mode, roundps with imm 8).</summary>
    [MethodImpl(Hot)] public static V F32x4Nearest(V a) => Vector128.Round(a.AsSingle()).AsByte();

    [MethodImpl(Hot)]
    public static V F32x4Min(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        Vector128<float> r;
        // minps returns its second operand on equality, so min(x,y) | min(y,x) ORs the signs of ±0.
        if (Sse.IsSupported) r = Sse.Min(x, y) | Sse.Min(y, x);
        else r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x | y, Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y));
        return WithNaN(x, y, r, max: false).AsByte();
    }

    [MethodImpl(Hot)]
    public static V F32x4Max(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        Vector128<float> r;
        // ANDing both orders makes +0 win over -0.
        if (Sse.IsSupported) r = Sse.Max(x, y) & Sse.Max(y, x);
        else r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x & y, Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y));
        return WithNaN(x, y, r, max: true).AsByte();
    }

    /// <summary>pmin: b &lt; a ? b : a (a NaN comparison keeps a).</summary>
    [MethodImpl(Hot)] public static V F32x4Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(b.AsSingle(), a.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte();
    /// <summary>pmax: a &lt; b ? b : a.</summary>
    [MethodImpl(Hot)] public static V F32x4Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(a.AsSingle(), b.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte();

    [MethodImpl(Hot)] public static V F64x2Add(V a, V b) => (a.AsDouble() + b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Sub(V a, V b) => (a.AsDouble() - b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Mul(V a, V b) => (a.AsDouble() * b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Div(V a, V b) => (a.AsDouble() / b.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Sqrt(V a) => Vector128.Sqrt(a.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Abs(V a) => (a.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFul)).AsByte();
    [MethodImpl(Hot)] public static V F64x2Neg(V a) => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000ul)).AsByte();
    [MethodImpl(Hot)] public static V F64x2Ceil(V a) => Vector128.Ceiling(a.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Floor(V a) => Vector128.Floor(a.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Trunc(V a) => Vector128.Truncate(a.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Nearest(V a) => Vector128.Round(a.AsDouble()).AsByte();

    [MethodImpl(Hot)]
    public static V F64x2Min(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        Vector128<double> r;
        if (Sse2.IsSupported) r = Sse2.Min(x, y) | Sse2.Min(y, x);
        else r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x | y, Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y));
        return WithNaN(x, y, r, max: false).AsByte();
    }

    [MethodImpl(Hot)]
    public static V F64x2Max(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        Vector128<double> r;
        if (Sse2.IsSupported) r = Sse2.Max(x, y) & Sse2.Max(y, x);
        else r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x & y, Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y));
        return WithNaN(x, y, r, max: true).AsByte();
    }

    [MethodImpl(Hot)] public static V F64x2Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(b.AsDouble(), a.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte();
    [MethodImpl(Hot)] public static V F64x2Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(a.AsDouble(), b.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte();

    /// <summary>
    /// Lanes where either input is NaN get a canonical NaN: for min the negative one, for max the one whose
    /// sign is the OR of the operands' signs. The specification allows any arithmetic NaN; these are the
    /// bits Wasmtime (Cranelift on x86) produces, checked lane by lane, so results and whatever later code
    /// does with their bits (stores, all_true, branches) agree across engines, and differential testing
    /// against Wasmtime sees no difference the specification would excuse.
    /// </summary>
    [MethodImpl(Hot)]
    private static Vector128<float> WithNaN(Vector128<float> x, Vector128<float> y, Vector128<float> result, bool max)
    {
        var ordered = Vector128.Equals(x, x) & Vector128.Equals(y, y);
        var sign = max ? (x.AsUInt32() | y.AsUInt32()) & Vector128.Create(0x8000_0000u) : Vector128.Create(0x8000_0000u);
        return Vector128.ConditionalSelect(ordered, result, (sign | Vector128.Create(0x7FC0_0000u)).AsSingle());
    }

    [MethodImpl(Hot)]
    private static Vector128<double> WithNaN(Vector128<double> x, Vector128<double> y, Vector128<double> result, bool max)
    {
        var ordered = Vector128.Equals(x, x) & Vector128.Equals(y, y);
        var signBit = Vector128.Create(0x8000_0000_0000_0000ul);
        var sign = max ? (x.AsUInt64() | y.AsUInt64()) & signBit : signBit;
        return Vector128.ConditionalSelect(ordered, result, (sign | Vector128.Create(0x7FF8_0000_0000_0000ul)).AsDouble());
    }
}
