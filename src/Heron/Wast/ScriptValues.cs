using System.Runtime.Intrinsics;
using Heron.Runtime.Gc;
using Heron.Text.Script;

namespace Heron.Wast;

/// <summary>Converts script constants to runtime values and checks results against expectations.</summary>
internal static class ScriptValues
{
    public static Value ToValue(ScriptValue value) => value.Type.Kind switch
    {
        ValueKind.I32 => Value.I32((int)value.Bits),
        ValueKind.I64 => Value.I64((long)value.Bits),
        ValueKind.F32 => Value.F32Bits((uint)value.Bits),
        ValueKind.F64 => Value.F64Bits(value.Bits),
        ValueKind.V128 => Value.V128(Vector128.Create(value.Lanes!)),
        _ when value.IsNull => Value.Null(value.Type),
        _ when value.Type.Heap == HeapType.Any => Value.AnyReference(new HostReference(value.HostReference ?? 0), value.Type),
        _ => Value.ExternRef(new HostReference(value.HostReference ?? 0)),
    };

    /// <summary>Null when <paramref name="actual"/> matches; otherwise why not.</summary>
    public static string? Mismatch(ScriptResult expected, Value actual)
    {
        return Matches(expected, actual) ? null : $"expected {Describe(expected)}, got {Describe(actual)}";
    }

    private static bool Matches(ScriptResult expected, Value actual)
    {
        switch (expected.Kind)
        {
            case ScriptResultKind.Either:
                foreach (var alternative in expected.Alternatives!)
                    if (Matches(alternative, actual)) return true;
                return false;
            case ScriptResultKind.CanonicalNan:
                return expected.Type.Kind == ValueKind.F32
                    ? actual.Type.Kind == ValueKind.F32 && IsCanonicalNan32(actual.AsF32Bits())
                    : actual.Type.Kind == ValueKind.F64 && IsCanonicalNan64(actual.AsF64Bits());
            case ScriptResultKind.ArithmeticNan:
                return expected.Type.Kind == ValueKind.F32
                    ? actual.Type.Kind == ValueKind.F32 && IsArithmeticNan32(actual.AsF32Bits())
                    : actual.Type.Kind == ValueKind.F64 && IsArithmeticNan64(actual.AsF64Bits());
            case ScriptResultKind.RefNull:
                return actual.Type.IsReference && actual.IsNull;
            case ScriptResultKind.RefFunc:
                return actual.Type.IsReference && !actual.IsNull && actual.AsFunction() != null;
            case ScriptResultKind.RefExtern:
                return actual.Type.IsReference && !actual.IsNull && actual.AsFunction() == null;
            case ScriptResultKind.RefOfHeapType:
                return actual.Type.IsReference && !actual.IsNull && OfHeapType(actual.Reference!, expected.Heap);
            case ScriptResultKind.Exact:
                return MatchesExactly(expected, actual);
            default:
                return false;
        }
    }

    /// <summary>Whether a non-null reference is of the abstract heap type a <c>(ref.struct)</c>-style pattern names.</summary>
    private static bool OfHeapType(object reference, HeapType heap)
    {
        if (heap == HeapType.Eq) return GcCasts.IsEq(reference);
        if (heap == HeapType.Struct) return GcCasts.IsStruct(reference);
        if (heap == HeapType.Array) return GcCasts.IsArray(reference);
        if (heap == HeapType.I31) return GcCasts.IsI31(reference);
        if (heap == HeapType.Exn) return reference is ThrownException;
        return true;
    }

    private static bool MatchesExactly(ScriptResult expected, Value actual)
    {
        var value = expected.Value!;
        if (actual.Type.Kind != value.Type.Kind) return false;
        switch (value.Type.Kind)
        {
            case ValueKind.I32: return actual.AsI32() == (int)value.Bits;
            case ValueKind.I64: return actual.AsI64() == (long)value.Bits;
            case ValueKind.F32: return actual.AsF32Bits() == (uint)value.Bits;
            case ValueKind.F64: return actual.AsF64Bits() == value.Bits;
            case ValueKind.V128: return MatchesVector(expected, actual.AsV128());
            default:
                if (value.IsNull) return actual.IsNull;
                return !actual.IsNull && Equals(actual.AsExternRef(), new HostReference(value.HostReference ?? 0));
        }
    }

    private static bool MatchesVector(ScriptResult expected, Vector128<byte> actual)
    {
        Span<byte> bytes = stackalloc byte[16];
        actual.CopyTo(bytes);
        var lanes = expected.LanePatterns;
        if (lanes == null) return bytes.SequenceEqual(expected.Value!.Lanes);
        var laneSize = 16 / lanes.Length;
        for (int i = 0; i < lanes.Length; i++)
        {
            var laneBytes = bytes.Slice(i * laneSize, laneSize);
            ulong bits = 0;
            for (int b = laneSize - 1; b >= 0; b--) bits = (bits << 8) | laneBytes[b];
            var lane = lanes[i];
            bool ok = lane.Kind switch
            {
                ScriptResultKind.CanonicalNan => laneSize == 4 ? IsCanonicalNan32((uint)bits) : IsCanonicalNan64(bits),
                ScriptResultKind.ArithmeticNan => laneSize == 4 ? IsArithmeticNan32((uint)bits) : IsArithmeticNan64(bits),
                _ => bits == (lane.Value!.Bits & LaneMask(laneSize)),
            };
            if (!ok) return false;
        }
        return true;
    }

    private static ulong LaneMask(int laneSize) => laneSize == 8 ? ulong.MaxValue : (1UL << (laneSize * 8)) - 1;

    private static bool IsCanonicalNan32(uint bits) => (bits & 0x7FFFFFFF) == 0x7FC00000;

    private static bool IsArithmeticNan32(uint bits) => (bits & 0x7FC00000) == 0x7FC00000;

    private static bool IsCanonicalNan64(ulong bits) => (bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000;

    private static bool IsArithmeticNan64(ulong bits) => (bits & 0x7FF8000000000000) == 0x7FF8000000000000;

    private static string Describe(ScriptResult expected) => expected.Kind switch
    {
        ScriptResultKind.Exact when expected.LanePatterns != null =>
            "v128:[" + string.Join(' ', expected.LanePatterns.Select(Describe)) + "]",
        ScriptResultKind.Exact => expected.Value!.ToString(),
        ScriptResultKind.Either => "either(" + string.Join(", ", expected.Alternatives!.Select(Describe)) + ")",
        _ => $"{expected.Kind}:{expected.Type}",
    };

    public static string Describe(Value value) => value.Type.Kind switch
    {
        ValueKind.I32 => $"i32:{value.AsI32()}",
        ValueKind.I64 => $"i64:{value.AsI64()}",
        ValueKind.F32 => $"f32:0x{value.AsF32Bits():x8}",
        ValueKind.F64 => $"f64:0x{value.AsF64Bits():x16}",
        ValueKind.V128 => "v128:" + Convert.ToHexString(Bytes(value.AsV128())),
        _ when value.IsNull => $"null {value.Type}",
        _ when value.AsFunction() != null => "funcref",
        _ when value.AsExnRef() != null => "exnref",
        _ => $"externref {value.AsExternRef()}",
    };

    private static byte[] Bytes(Vector128<byte> vector)
    {
        var bytes = new byte[16];
        vector.CopyTo(bytes);
        return bytes;
    }
}
