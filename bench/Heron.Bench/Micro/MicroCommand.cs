using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Heron.Bench.Micro;

/// <summary>
/// The <c>micro</c> command: BenchmarkDotNet on the micro-benchmarks of this folder. Words without a dash
/// filter by name (<c>micro Call</c> runs <c>*Call*</c>); options pass through to BenchmarkDotNet.
/// </summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        var full = args.Contains("--full");
        var passThrough = new List<string>();
        var filters = new List<string>();
        foreach (var arg in args.Where(a => a != "--full"))
        {
            if (!arg.StartsWith('-') && (passThrough.Count == 0 || !passThrough[^1].StartsWith('-'))) filters.Add($"*{arg}*");
            else passThrough.Add(arg);
        }
        if (!passThrough.Contains("--filter"))
        {
            passThrough.Add("--filter");
            passThrough.AddRange(filters.Count > 0 ? filters : ["*"]);
        }

        // In process: no generated project to build (slow on a shared machine), and the native Wasmtime
        // library loads as it does in the side-by-side run. A shorter job than BenchmarkDotNet's default
        // unless --full: the ratios are clear long before the last digit settles.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        if (!full) job = job.WithWarmupCount(3).WithIterationCount(8);
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run([.. passThrough], config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
