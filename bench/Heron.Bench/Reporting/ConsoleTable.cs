using Heron.Bench.Suite;

namespace Heron.Bench.Reporting;

/// <summary>
/// The console report: a row per program as soon as it is measured (so a crash still leaves the rows before
/// it), then the failures with their reasons and the geometric means.
/// </summary>
internal sealed class ConsoleTable(TextWriter output)
{
    private const string Format = "{0,-22} {1,9} {2,9} {3,7} | {4,8} {5,8} {6,7} | {7,9} {8,9} {9,7} {10,7} | {11,7} | {12,22} | {13}";

    public void Header(int runs)
    {
        output.WriteLine($"Medians of {runs} run(s) per engine, in ms; ratio = heron / wasmtime (below 1: heron faster).");
        output.WriteLine("run = between bench.start and bench.end (cpu: ratio of the guest thread's CPU time in it, steadier under load); whole = compile + instantiate + all of _start; JIT = .NET JIT ms in heron's compile/instantiate/_start (of it in run).");
        output.WriteLine(string.Format(Format, "program", "compile H", "W", "ratio", "inst H", "W", "ratio", "run H", "W", "ratio", "cpu", "whole", "heron JIT c/i/s (run)", "status"));
        output.WriteLine(new string('-', 158));
    }

    public void Row(ProgramResult result)
    {
        var h = result.Heron;
        var w = result.Wasmtime;
        var jit = h.Samples.Count == 0 ? "-"
            : $"{Figures.Ms(h.CompileJitMs)}/{Figures.Ms(h.InstantiateJitMs)}/{Figures.Ms(h.StartJitMs)} ({Figures.Ms(h.RunJitMs)})";
        output.WriteLine(string.Format(Format, Trim(result.Name, 22),
            Figures.Ms(h.CompileMs), Figures.Ms(w.CompileMs), Figures.Ratio(result.CompileRatio),
            Figures.Ms(h.InstantiateMs), Figures.Ms(w.InstantiateMs), Figures.Ratio(result.InstantiateRatio),
            Figures.Ms(h.RunMs), Figures.Ms(w.RunMs), Figures.Ratio(result.RunRatio),
            Figures.Ratio(result.RunCpuRatio), Figures.Ratio(result.WholeRatio), jit, Status(result)));
        foreach (var method in h.SlowestJit ?? [])
            output.WriteLine($"      JIT {Figures.Ms(method.JitMs),8} ms  {method.Tier,-14} IL {method.IlBytes,7} B  native {method.NativeBytes,7} B  {method.Name}");
        output.Flush();
    }

    public void Summary(SuiteReport report)
    {
        output.WriteLine();
        var problems = report.Programs.Where(p => p.Heron.Status is RunStatus.Failed or RunStatus.Wrong
            || p.Wasmtime.Status is RunStatus.Failed or RunStatus.Wrong).ToArray();
        if (problems.Length > 0)
        {
            output.WriteLine("Failed or wrong (excluded from the means):");
            foreach (var p in problems)
            {
                foreach (var engine in new[] { p.Heron, p.Wasmtime }.Where(e => e.Status is RunStatus.Failed or RunStatus.Wrong))
                    output.WriteLine($"  {p.Name}: {engine.Engine} {engine.Status.ToString().ToLowerInvariant()}: {engine.Reason}");
            }
            output.WriteLine();
        }
        output.WriteLine($"Geometric mean of heron/wasmtime over the {report.ComparedCount} program(s) both ran correctly:");
        output.WriteLine($"  run {Figures.Ratio(report.RunGeomean)} (thread CPU {Figures.Ratio(report.RunCpuGeomean)})   compile {Figures.Ratio(report.CompileGeomean)}   " +
            $"instantiate {Figures.Ratio(report.InstantiateGeomean)}   whole {Figures.Ratio(report.WholeGeomean)}");
        output.Flush();
    }

    private static string Status(ProgramResult result)
    {
        if (result.Comparable) return result.Heron.CheckedAgainst == "expected output" ? "ok" : $"ok ({result.Heron.CheckedAgainst})";
        var engines = new[] { result.Heron, result.Wasmtime };
        var bad = engines.Where(e => e.Status is RunStatus.Failed or RunStatus.Wrong)
            .Select(e => $"{e.Engine} {e.Status.ToString().ToLowerInvariant()}").ToArray();
        if (bad.Length > 0) return string.Join(", ", bad);
        // Only one engine was selected, and it ran the program correctly.
        return $"{engines.Single(e => e.Ok).Engine} only: ok";
    }

    private static string Trim(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
