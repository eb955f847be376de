namespace Heron.Text;

/// <summary>Reads numeric literal tokens (integers, floats, v128 lanes), reporting the spec's errors.</summary>
internal static class Literals
{
    /// <summary>A signed-or-unsigned integer literal of <paramref name="bits"/> bits, as its bit pattern.</summary>
    public static ulong ReadInt(TokenReader r, int bits)
    {
        var token = r.Current;
        if (token.Kind != TokenKind.Number) throw r.Unexpected();
        var status = NumberParser.ParseInt(r.Text(token), bits, out var value);
        Check(r, token, status, bits == 32 ? "i32 constant out of range" : bits == 64 ? "i64 constant out of range" : $"i{bits} constant out of range");
        r.Next();
        return value;
    }

    public static uint ReadF32(TokenReader r)
    {
        var token = r.Current;
        if (!IsFloatToken(r, token)) throw r.Unexpected();
        var status = FloatParser.ParseF32(r.Text(token), out var bits);
        Check(r, token, status, "constant out of range");
        r.Next();
        return bits;
    }

    public static ulong ReadF64(TokenReader r)
    {
        var token = r.Current;
        if (!IsFloatToken(r, token)) throw r.Unexpected();
        var status = FloatParser.ParseF64(r.Text(token), out var bits);
        Check(r, token, status, "constant out of range");
        r.Next();
        return bits;
    }

    /// <summary>True for a token that may be a float literal: a number, <c>inf</c>, <c>nan</c> or <c>nan:0x...</c>.</summary>
    public static bool IsFloatToken(TokenReader r, Token token) =>
        token.Kind == TokenKind.Number || (token.Kind == TokenKind.Keyword && (r.Text(token) is "inf" or "nan" || r.Text(token).StartsWith("nan:")));

    private static void Check(TokenReader r, Token token, NumberParser.Status status, string outOfRange)
    {
        if (status == NumberParser.Status.Malformed) throw r.Error(token, "unknown operator");
        if (status == NumberParser.Status.OutOfRange) throw r.Error(token, outOfRange);
    }

    /// <summary>The lane count and lane width in bytes of a v128 shape keyword, or (0, 0).</summary>
    public static (int Lanes, int Width, bool IsFloat) Shape(ReadOnlySpan<char> keyword) => keyword switch
    {
        "i8x16" => (16, 1, false),
        "i16x8" => (8, 2, false),
        "i32x4" => (4, 4, false),
        "i64x2" => (2, 8, false),
        "f32x4" => (4, 4, true),
        "f64x2" => (2, 8, true),
        _ => (0, 0, false),
    };

    /// <summary>Reads the shape of a v128 literal and returns it.</summary>
    public static (int Lanes, int Width, bool IsFloat) ReadShape(TokenReader r)
    {
        var token = r.Current;
        var shape = token.Kind == TokenKind.Keyword ? Shape(r.Text(token)) : (0, 0, false);
        if (shape.Item1 == 0) throw r.Unexpected();
        r.Next();
        return shape;
    }

    /// <summary>One lane of a v128 literal as its bits.</summary>
    public static ulong ReadLane(TokenReader r, (int Lanes, int Width, bool IsFloat) shape)
    {
        if (!IsFloatToken(r, r.Current)) throw r.Error(r.Current, "wrong number of lane literals");
        if (shape.IsFloat) return shape.Width == 4 ? ReadF32(r) : ReadF64(r);
        return ReadInt(r, shape.Width * 8);
    }

    /// <summary><c>shape lane*</c> of <c>v128.const</c>, as sixteen little-endian bytes.</summary>
    public static byte[] ReadV128(TokenReader r)
    {
        var shape = ReadShape(r);
        var bytes = new byte[16];
        for (var i = 0; i < shape.Lanes; i++)
        {
            var bits = ReadLane(r, shape);
            for (var b = 0; b < shape.Width; b++) bytes[i * shape.Width + b] = (byte)(bits >> (8 * b));
        }
        if (r.Current.Kind == TokenKind.Number) throw r.Error(r.Current, "wrong number of lane literals");
        return bytes;
    }
}
