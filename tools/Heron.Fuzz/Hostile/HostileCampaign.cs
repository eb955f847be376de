namespace Heron.Fuzz.Hostile;

internal static class HostileCampaign
{
    public static Heron.Fuzz.Differential.DifferentialStats Run(FuzzOptions options, TextWriter log) => new();
}
