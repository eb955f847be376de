using System.Globalization;

namespace Heron.Bench.Reporting;

/// <summary>Number formats of the report: milliseconds with about three significant digits, ratios with two decimals.</summary>
internal static class Figures
{
    public static string Ms(double ms) => !double.IsFinite(ms) ? "-"
        : ms.ToString(ms < 10 ? "0.00" : ms < 1000 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => !double.IsFinite(ratio) ? "-"
        : ratio.ToString(ratio < 100 ? "0.00" : "0", CultureInfo.InvariantCulture) + "x";
}
