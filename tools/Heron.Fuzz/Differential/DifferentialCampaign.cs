using System.Diagnostics;
using Heron.Fuzz.Generation;

namespace Heron.Fuzz.Differential;

/// <summary>Generates modules case after case, compares the engines on each, and saves what diverges.</summary>
internal static class DifferentialCampaign
{
    public static DifferentialStats Run(FuzzOptions options, TextWriter log)
    {
        var stats = new DifferentialStats();
        var clock = Stopwatch.StartNew();
        var features = options.Features;
        var useBinaryen = options.Source != "own" && BinaryenGenerator.IsAvailable(features);
        if (options.Source != "own" && !useBinaryen)
        {
            log.WriteLine(features.IsWasm2
                ? "wasm-opt (binaryen) not found: only Heron's own generator runs (apt-get install -y binaryen)."
                : $"binaryen {BinaryenServer.Version} (npm) not found at {BinaryenServer.LauncherPath}: only Heron's own generator runs (tools/fuzz.sh installs it).");
        }
        var useOwn = options.Source != "binaryen";
        if (!useOwn && !useBinaryen) throw new InvalidOperationException("no generator available");
        using var runner = new DifferentialRunner(features);
        // Generated modules terminate by construction, so a case still running after a minute is a hang in one
        // engine. Neither can be stopped from outside, so the watchdog reports it and ends the process.
        var caseSeed = 0;
        long caseStarted = 0;
        using var watchdog = new Timer(_ =>
        {
            var started = Volatile.Read(ref caseStarted);
            if (started == 0 || Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(1)) return;
            log.WriteLine($"Hang seed {Volatile.Read(ref caseSeed)}: no result after a minute");
            log.Flush();
            Environment.Exit(3);
        }, null, 1000, 1000);
        for (var i = options.First; i - options.First < options.Cases && clock.Elapsed.TotalMinutes < options.Minutes; i++)
        {
            var seed = unchecked(options.Seed * 1_000_003 + i);
            var fromBinaryen = useBinaryen && (!useOwn || i % 2 == 0);
            var wasm = fromBinaryen ? BinaryenGenerator.Generate(seed, features) : OwnGenerator.Generate(seed, features);
            if (fromBinaryen) stats.FromBinaryen++; else stats.FromOwnGenerator++;
            Volatile.Write(ref caseSeed, seed);
            if (options.Verbose)
            {
                // Said before the case runs: Wasmtime can abort the process, and then this names the case.
                log.WriteLine($"case seed {seed}");
                log.Flush();
            }
            Volatile.Write(ref caseStarted, Stopwatch.GetTimestamp());
            var result = runner.Run(wasm, seed);
            var took = Stopwatch.GetElapsedTime(Volatile.Read(ref caseStarted));
            Volatile.Write(ref caseStarted, 0L);
            if (options.Verbose && took.TotalSeconds >= 2) log.WriteLine($"seed {seed}: slow, {took.TotalSeconds:F1} s (running: heron {runner.HeronTime.TotalSeconds:F1} s, wasmtime {runner.WasmtimeTime.TotalSeconds:F1} s)");
            stats.Cases++;
            switch (result.Outcome)
            {
                case CaseOutcome.Agreed:
                    stats.Agreed++;
                    if (result.Exhausted) stats.Exhausted++;
                    if (result.Exhausted && options.Verbose) log.WriteLine($"seed {seed}: {result.Detail}");
                    break;
                case CaseOutcome.Uncarried:
                    stats.Uncarried++;
                    if (options.Verbose) log.WriteLine($"seed {seed}: {result.Detail}");
                    break;
                case CaseOutcome.BothRejected:
                    stats.BothRejected++;
                    if (options.Verbose) log.WriteLine($"seed {seed}: both rejected: {result.Detail}");
                    break;
                default:
                    Directory.CreateDirectory(options.OutputDirectory);
                    var path = Path.Combine(options.OutputDirectory, $"diff-{(fromBinaryen ? "binaryen" : "own")}-{seed}.wasm");
                    File.WriteAllBytes(path, wasm);
                    var message = $"{result.Outcome} seed {seed} ({path}): {result.Detail}";
                    stats.Failures.Add(message);
                    log.WriteLine(message);
                    break;
            }
            if (stats.Cases % 100 == 0) log.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {stats}");
            log.Flush();
        }
        return stats;
    }
}
