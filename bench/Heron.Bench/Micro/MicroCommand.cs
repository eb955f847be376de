namespace Heron.Bench.Micro;

/// <summary>The <c>micro</c> command: the BenchmarkDotNet micro-benchmarks.</summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        return 0;
    }
}
