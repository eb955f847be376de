using System.Buffers.Binary;

namespace Heron.Fuzz.Differential;

/// <summary>
/// Renders values of either engine the same way. NaNs are rendered by class (canonical or arithmetic), since
/// the spec lets arithmetic choose the sign and payload bits; every other value is rendered bit-exactly.
/// </summary>
internal static class ValueText
{
    public static string I32(int value) => $"i32:{value}";

    public static string I64(long value) => $"i64:{value}";

    public static string F32(uint bits)
    {
        if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x007fffff) != 0)
            return (bits & 0x007fffff) == 0x00400000 ? "f32:nan:canonical" : (bits & 0x00400000) != 0 ? "f32:nan:arithmetic" : $"f32:snan:{bits:x8}";
        return $"f32:{bits:x8}";
    }

    public static string F64(ulong bits)
    {
        if ((bits & 0x7ff0000000000000) == 0x7ff0000000000000 && (bits & 0x000fffffffffffff) != 0)
            return (bits & 0x000fffffffffffff) == 0x0008000000000000 ? "f64:nan:canonical" : (bits & 0x0008000000000000) != 0 ? "f64:nan:arithmetic" : $"f64:snan:{bits:x16}";
        return $"f64:{bits:x16}";
    }

    public static string V128(ReadOnlySpan<byte> bytes)
    {
        // Lanes are rendered as i32x4: a NaN lane would only appear through arithmetic, which --denan removes
        // from binaryen's modules and our generator does not produce.
        return $"v128:{BinaryPrimitives.ReadUInt32LittleEndian(bytes):x8}_{BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]):x8}_{BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]):x8}_{BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]):x8}";
    }

    public static string Ref(string kind, bool isNull) => isNull ? $"{kind}:null" : $"{kind}:nonnull";

    /// <summary>An externref, without its null-ness when <paramref name="opaque"/>: with GC on, Wasmtime's .NET API
    /// shows an externref made from a GC value (<c>extern.convert_any</c>) as null, so only wasm code can tell.</summary>
    public static string ExternRef(bool isNull, bool opaque) => opaque ? "externref" : Ref("externref", isNull);

    /// <summary>A table element: 0 null, 1 not, or ? for an externref whose null-ness the host cannot tell (see <see cref="ExternRef"/>).</summary>
    public static string Element(bool isNull, bool isExtern, bool opaque) => isExtern && opaque ? "?" : isNull ? "0" : "1";
}
