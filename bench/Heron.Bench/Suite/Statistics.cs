namespace Heron.Bench.Suite;

/// <summary>The two summaries the report uses: medians (robust to one slow run) and geometric means (the only fair mean of ratios).</summary>
internal static class Statistics
{
    /// <summary>The median of the finite values, or NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The geometric mean of the finite positive values, or NaN when there are none.</summary>
    public static double GeometricMean(IEnumerable<double> values)
    {
        var logs = values.Where(v => double.IsFinite(v) && v > 0).Select(v => Math.Log(v)).ToArray();
        return logs.Length == 0 ? double.NaN : Math.Exp(logs.Average());
    }

    /// <summary><paramref name="heron"/> / <paramref name="wasmtime"/>, or NaN when either is missing or the divisor is zero.</summary>
    public static double Ratio(double heron, double wasmtime) =>
        double.IsFinite(heron) && double.IsFinite(wasmtime) && wasmtime > 0 ? heron / wasmtime : double.NaN;
}
