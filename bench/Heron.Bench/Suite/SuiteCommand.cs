using System.Runtime.InteropServices;
using Heron.Bench.Engines;
using Heron.Bench.Reporting;

namespace Heron.Bench.Suite;

/// <summary>The side-by-side run: measure each program in both engines, print the table, write JSON and SVG on request.</summary>
internal static class SuiteCommand
{
    public static int Run(BenchOptions options)
    {
        if (options.ChildProgram != null) return RunChild(options, options.ChildProgram, options.ChildResultPath!);
        if (options.FromJson != null) return Replay(options, JsonReport.Read<SuiteReport>(options.FromJson));

        var sightglass = SharedFolder.Sightglass();
        if (options.Sightglass && sightglass == null && options.Files.Count == 0)
        {
            Console.Error.WriteLine("error: the sightglass programs were not found: set HERON_SHARED or place 'shared/bench/sightglass' beside the repository.");
            return 2;
        }
        var programs = ProgramCatalog.Select(options, sightglass);
        if (programs.Count == 0)
        {
            Console.Error.WriteLine("error: no program to run (check --filter)");
            return 2;
        }

        var table = new ConsoleTable(Console.Out);
        Console.WriteLine($"{programs.Count} program(s){(options.Quick ? " (quick: slow ones left out)" : "")}{(options.Isolate ? ", each in its own process" : "")}.");
        table.Header(options.Runs);
        var results = new List<ProgramResult>();
        using (var heron = options.Isolate ? null : EngineFactory.Heron(options))
        using (var wasmtime = options.Isolate ? null : EngineFactory.Wasmtime(options))
        {
            if (!options.Isolate && options.Warmup) WarmUp(heron, wasmtime, sightglass);
            using var jitRecorder = options.JitTop > 0 && heron != null ? new JitEventRecorder() : null;
            var inProcess = new ProgramRunner(heron, wasmtime, options.Runs) { JitRecorder = jitRecorder, JitTop = options.JitTop };
            var isolated = new IsolatedRunner(options);
            foreach (var program in programs)
            {
                var result = options.Isolate ? isolated.Run(program) : inProcess.Run(program);
                results.Add(result);
                table.Row(result);
            }
        }

        var report = new SuiteReport(DateTimeOffset.Now, $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}",
            RuntimeInformation.FrameworkDescription, options.Runs, options.Quick, results);
        table.Summary(report);
        return Write(options, report);
    }

    /// <summary>An earlier report printed again, and charted or converted as the options ask.</summary>
    private static int Replay(BenchOptions options, SuiteReport report)
    {
        var table = new ConsoleTable(Console.Out);
        Console.WriteLine($"Report of {report.When:yyyy-MM-dd HH:mm} on {report.Machine}, {report.Runtime}.");
        table.Header(report.Runs);
        foreach (var program in report.Programs) table.Row(program);
        table.Summary(report);
        return Write(options, report);
    }

    private static int Write(BenchOptions options, SuiteReport report)
    {
        if (options.JsonPath != null)
        {
            JsonReport.Write(options.JsonPath, report);
            Console.WriteLine($"JSON written to {options.JsonPath}");
        }
        if (options.SvgPath != null)
        {
            File.WriteAllText(options.SvgPath, SvgChart.Render(report));
            Console.WriteLine($"SVG written to {options.SvgPath}");
        }
        return 0;
    }

    /// <summary>One program under <c>--isolate</c>: measured here, its result written for the parent to read.</summary>
    private static int RunChild(BenchOptions options, string wasmPath, string resultPath)
    {
        using var heron = EngineFactory.Heron(options);
        using var wasmtime = EngineFactory.Wasmtime(options);
        if (options.Warmup) WarmUp(heron, wasmtime, SharedFolder.Sightglass());
        using var jitRecorder = options.JitTop > 0 && heron != null ? new JitEventRecorder() : null;
        var runner = new ProgramRunner(heron, wasmtime, options.Runs)
        {
            JitRecorder = jitRecorder,
            JitTop = options.JitTop,
            RunStarting = IsolatedRunner.ReportProgress,
        };
        JsonReport.Write(resultPath, runner.Run(BenchProgram.FromFile(wasmPath)));
        return 0;
    }

    /// <summary>
    /// One unmeasured run of noop in each engine first, so the first program measured does not also pay for
    /// JIT-compiling the engines' own code (Heron's compiler, Wasmtime's .NET bindings).
    /// </summary>
    private static void WarmUp(IEngineUnderTest? heron, IEngineUnderTest? wasmtime, string? sightglass)
    {
        var noop = sightglass == null ? null : Path.Combine(sightglass, "noop", "benchmark.wasm");
        if (noop == null || !File.Exists(noop)) return;
        new ProgramRunner(heron, wasmtime, 1).Run(BenchProgram.FromFile(noop));
    }
}
