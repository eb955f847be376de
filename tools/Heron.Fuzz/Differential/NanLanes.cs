using System.Globalization;

namespace Heron.Fuzz.Differential;

/// <summary>
/// Decides whether two differing lines differ only in NaN lanes of v128 values. A v128 carries no lane shape, and
/// a SIMD float operation may give any arithmetic NaN when an operand NaN is not canonical, so lanes that are
/// NaNs on both sides (read as f32 or as f64 lanes) are taken as equal.
/// </summary>
internal static class NanLanes
{
    public static bool Equivalent(string a, string b)
    {
        var left = a.Split(' ');
        var right = b.Split(' ');
        if (left.Length != right.Length) return false;
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] == right[i]) continue;
            if (!TryLanes(left[i], out var x) || !TryLanes(right[i], out var y) || !SameUpToNanLanes(x, y)) return false;
        }
        return true;
    }

    private static bool SameUpToNanLanes(uint[] x, uint[] y)
    {
        var asF32 = true;
        for (var i = 0; i < 4 && asF32; i++) asF32 = x[i] == y[i] || (IsNan32(x[i]) && IsNan32(y[i]));
        if (asF32) return true;
        for (var i = 0; i < 4; i += 2)
        {
            var p = ((ulong)x[i + 1] << 32) | x[i];
            var q = ((ulong)y[i + 1] << 32) | y[i];
            if (p != q && !(IsNan64(p) && IsNan64(q))) return false;
        }
        return true;
    }

    private static bool TryLanes(string token, out uint[] lanes)
    {
        lanes = new uint[4];
        var text = token.TrimEnd(',', ')');
        var start = text.IndexOf("v128:", StringComparison.Ordinal);
        if (start < 0) return false;
        var parts = text[(start + 5)..].Split('_');
        if (parts.Length != 4) return false;
        for (var i = 0; i < 4; i++)
            if (!uint.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out lanes[i])) return false;
        return true;
    }

    private static bool IsNan32(uint bits) => (bits & 0x7f800000) == 0x7f800000 && (bits & 0x007fffff) != 0;

    private static bool IsNan64(ulong bits) => (bits & 0x7ff0000000000000) == 0x7ff0000000000000 && (bits & 0x000fffffffffffff) != 0;
}
