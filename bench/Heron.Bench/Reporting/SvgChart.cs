using System.Globalization;
using System.Security;
using System.Text;

namespace Heron.Bench.Reporting;

/// <summary>
/// A horizontal bar chart of the per-program run-time ratios heron/wasmtime on a log scale, with the 1.0
/// line where the engines tie: bars to its left are programs Heron runs faster. Written by hand, so the
/// bench needs no charting dependency.
/// </summary>
internal static class SvgChart
{
    private const int LabelWidth = 190;
    private const int PlotWidth = 560;
    private const int RowHeight = 18;
    private const int Top = 48;
    private static readonly double[] Ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    public static string Render(SuiteReport report)
    {
        var bars = report.Programs.Where(p => p.Comparable && double.IsFinite(p.RunRatio))
            .Select(p => (p.Name, Ratio: p.RunRatio)).ToList();
        var excluded = report.Programs.Where(p => !p.Comparable).Select(p => p.Name).ToList();
        var ratios = bars.Select(b => b.Ratio).Append(report.RunGeomean).Where(double.IsFinite).ToList();
        // The axis always shows 0.5..2 around the tie line and widens to the next tick beyond the extremes.
        var low = Ticks.LastOrDefault(t => t <= Math.Min(0.5, ratios.DefaultIfEmpty(1).Min()), Ticks[0]);
        var high = Ticks.FirstOrDefault(t => t >= Math.Max(2, ratios.DefaultIfEmpty(1).Max()), Ticks[^1]);
        double X(double ratio) => LabelWidth + (Math.Log(Math.Clamp(ratio, low, high)) - Math.Log(low)) / (Math.Log(high) - Math.Log(low)) * PlotWidth;

        var rows = bars.Count + 1;
        var height = Top + rows * RowHeight + 40 + (excluded.Count > 0 ? 20 : 0);
        var width = LabelWidth + PlotWidth + 80;
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.AppendLine(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Run time, heron / wasmtime (log scale; left of 1.0: heron faster)</text>"));
        svg.AppendLine(Invariant($"<text x=\"10\" y=\"36\" fill=\"#555\">medians of {report.Runs} run(s), {Escape(report.When.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}, {Escape(report.Runtime)}</text>"));

        var axisBottom = Top + rows * RowHeight;
        foreach (var tick in Ticks.Where(t => t >= low && t <= high))
        {
            var x = X(tick);
            var isOne = tick == 1;
            svg.AppendLine(Invariant($"<line x1=\"{x:0.0}\" y1=\"{Top - 4}\" x2=\"{x:0.0}\" y2=\"{axisBottom}\" stroke=\"{(isOne ? "#000" : "#ddd")}\" stroke-width=\"{(isOne ? 1.5 : 1)}\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{x:0.0}\" y=\"{axisBottom + 14}\" text-anchor=\"middle\" fill=\"#333\">{tick.ToString(CultureInfo.InvariantCulture)}</text>"));
        }

        var y = Top;
        foreach (var (name, ratio) in bars.Append(("geometric mean", report.RunGeomean)))
        {
            var isMean = name == "geometric mean";
            var (x1, x2) = (X(Math.Min(1, ratio)), X(Math.Max(1, ratio)));
            var colour = isMean ? "#444" : ratio <= 1 ? "#3a9d5d" : "#d0583a";
            svg.AppendLine(Invariant($"<text x=\"{LabelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\"{(isMean ? " font-weight=\"bold\"" : "")}>{Escape(name)}</text>"));
            if (double.IsFinite(ratio))
            {
                svg.AppendLine(Invariant($"<rect x=\"{x1:0.0}\" y=\"{y + 3}\" width=\"{Math.Max(1, x2 - x1):0.0}\" height=\"{RowHeight - 6}\" fill=\"{colour}\"/>"));
                svg.AppendLine(Invariant($"<text x=\"{x2 + 4:0.0}\" y=\"{y + 13}\" fill=\"#333\">{Figures.Ratio(ratio)}</text>"));
            }
            y += RowHeight;
        }
        if (excluded.Count > 0)
            svg.AppendLine(Invariant($"<text x=\"10\" y=\"{height - 10}\" fill=\"#888\">not compared (failed or wrong): {Escape(string.Join(", ", excluded))}</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
