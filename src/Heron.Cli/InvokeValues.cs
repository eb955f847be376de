using System.Runtime.Intrinsics;
using System.Globalization;

namespace Heron.Cli;

/// <summary>Parses <c>--invoke</c> arguments by the export's parameter types, and prints its results.</summary>
internal static class InvokeValues
{
    public static Value Parse(string text, ValueType type)
    {
        var culture = CultureInfo.InvariantCulture;
        return type.Kind switch
        {
            ValueKind.I32 => Value.I32(text.StartsWith('-') ? int.Parse(text, culture) : (int)uint.Parse(text, culture)),
            ValueKind.I64 => Value.I64(text.StartsWith('-') ? long.Parse(text, culture) : (long)ulong.Parse(text, culture)),
            ValueKind.F32 => Value.F32(float.Parse(text, NumberStyles.Float, culture)),
            ValueKind.F64 => Value.F64(double.Parse(text, NumberStyles.Float, culture)),
            _ => throw new FormatException($"values of type {type} cannot be given on the command line"),
        };
    }

    public static string Format(Value value) => value.Type.Kind switch
    {
        ValueKind.I32 => value.AsI32().ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => value.AsI64().ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => value.AsF32().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.F64 => value.AsF64().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.V128 => "0x" + Convert.ToHexString(Bytes(value)).ToLowerInvariant(),
        _ when value.IsNull => "null",
        _ => value.AsFunction() != null ? "<funcref>" : "<externref>",
    };

    private static byte[] Bytes(Value value)
    {
        var bytes = new byte[16];
        value.AsV128().CopyTo(bytes);
        Array.Reverse(bytes);
        return bytes;
    }
}
