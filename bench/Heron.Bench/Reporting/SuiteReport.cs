using Heron.Bench.Suite;

namespace Heron.Bench.Reporting;

/// <summary>Everything one side-by-side run measured, with the geometric means over the programs both engines ran correctly.</summary>
internal sealed record SuiteReport(
    DateTimeOffset When,
    string Machine,
    string Runtime,
    int Runs,
    bool Quick,
    IReadOnlyList<ProgramResult> Programs)
{
    public int ComparedCount => Programs.Count(p => p.Comparable);
    public double RunGeomean => Geomean(p => p.RunRatio);
    public double RunCpuGeomean => Geomean(p => p.RunCpuRatio);
    public double CompileGeomean => Geomean(p => p.CompileRatio);
    public double InstantiateGeomean => Geomean(p => p.InstantiateRatio);
    public double WholeGeomean => Geomean(p => p.WholeRatio);

    private double Geomean(Func<ProgramResult, double> ratio) =>
        Statistics.GeometricMean(Programs.Where(p => p.Comparable).Select(ratio));
}
