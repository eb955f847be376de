using System.Runtime;
using Heron.Bench.Engines;

namespace Heron.Bench.Suite;

/// <summary>
/// Runs one program several times in each engine, alternating which engine goes first so neither always
/// gets the warmer caches, checks every run's output, and sums it up as a <see cref="ProgramResult"/>.
/// Any exception an engine throws is recorded as that engine's failure; the harness carries on.
/// </summary>
internal sealed class ProgramRunner(IEngineUnderTest? heron, IEngineUnderTest? wasmtime, int runs)
{
    /// <summary>Told of each run before it starts (the child of <c>--isolate</c> reports progress with it).</summary>
    public Action<string, int>? RunStarting { get; init; }

    /// <summary>When set, Heron's first run of each program is watched method by method; <see cref="JitTop"/> methods are kept.</summary>
    public JitEventRecorder? JitRecorder { get; init; }

    public int JitTop { get; init; }

    public ProgramResult Run(BenchProgram program)
    {
        var bytes = program.LoadBytes();
        var heronRuns = new List<RunOutcome>();
        var wasmtimeRuns = new List<RunOutcome>();
        IReadOnlyList<JitMethod>? slowestJit = null;
        for (var run = 0; run < runs; run++)
        {
            var heronFirst = run % 2 == 0;
            Step(heronFirst ? heron : wasmtime, heronFirst ? heronRuns : wasmtimeRuns);
            Step(heronFirst ? wasmtime : heron, heronFirst ? wasmtimeRuns : heronRuns);

            void Step(IEngineUnderTest? engine, List<RunOutcome> outcomes)
            {
                // An engine that failed once fails again, slowly: its later runs are skipped.
                if (engine == null || outcomes.Any(o => o.Sample.Failure != null)) return;
                RunStarting?.Invoke(engine.Name, run);
                var watch = JitRecorder != null && engine == heron && outcomes.Count == 0;
                if (watch) JitRecorder!.Begin();
                outcomes.Add(Measure(engine, program, bytes, run));
                if (watch) slowestJit = JitRecorder!.End(JitTop);
            }
        }

        var expectedStdout = ReadIfAny(program.ExpectedStdoutPath);
        var expectedStderr = ReadIfAny(program.ExpectedStderrPath);
        var wasmtimeResult = Summarise("wasmtime", wasmtime, wasmtimeRuns, expectedStdout, expectedStderr, null);
        var heronResult = Summarise("heron", heron, heronRuns, expectedStdout, expectedStderr,
            wasmtimeResult.Ok && wasmtimeRuns.Count > 0 ? wasmtimeRuns[0] : null) with { SlowestJit = slowestJit };
        return new ProgramResult(program.Name, program.WasmPath, heronResult, wasmtimeResult);
    }

    private static RunOutcome Measure(IEngineUnderTest engine, BenchProgram program, byte[] bytes, int run)
    {
        var output = new OutputCapture();
        var markers = new BenchMarkers();
        var wasi = new WasiSetup(program.FileName, program.Directory, output);
        // The previous run's garbage (and Heron's collectible code) must not be collected on this run's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        double compile = double.NaN, instantiate = double.NaN, start = double.NaN;
        double compileJit = double.NaN, instantiateJit = double.NaN, startJit = double.NaN;
        int? exitCode = null;
        string? failure = null;
        var phase = "compile";
        ICompiledProgram? compiled = null;
        IProgramInstance? instance = null;
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        try
        {
            var clock = new PhaseClock();
            compiled = engine.Compile(bytes, program.Name);
            (compile, compileJit) = clock.Lap();
            phase = "instantiate";
            instance = compiled.Instantiate(wasi, markers);
            (instantiate, instantiateJit) = clock.Lap();
            phase = "run";
            exitCode = instance.Run();
            (start, startJit) = clock.Lap();
        }
        catch (Exception e)
        {
            failure = $"{phase}: {Describe(e)}";
        }
        finally
        {
            instance?.Dispose();
            compiled?.Dispose();
        }

        var sample = new RunSample(run, compile, instantiate, markers.ElapsedMs, start,
            compileJit, instantiateJit, startJit, markers.JitMs,
            JitInfo.GetCompiledMethodCount() - methodsBefore, exitCode, failure, markers.CpuMs);
        var markerProblem = markers.Complete ? null : $"bench.start called {markers.StartCalls}x and bench.end {markers.EndCalls}x (want once each)";
        return new RunOutcome(sample, output.Stdout, output.Stderr, markerProblem);
    }

    private static EngineResult Summarise(string name, IEngineUnderTest? engine, List<RunOutcome> outcomes,
        byte[]? expectedStdout, byte[]? expectedStderr, RunOutcome? reference)
    {
        var samples = outcomes.Select(o => o.Sample).ToArray();
        if (engine == null) return new EngineResult(name, RunStatus.Skipped, "not selected", "nothing", samples);
        if (samples.FirstOrDefault(s => s.Failure != null) is { } failed)
            return new EngineResult(name, RunStatus.Failed, failed.Failure, "nothing", samples);

        var checkedAgainst = "expected output";
        var againstReference = expectedStdout == null && expectedStderr == null && reference != null;
        if (expectedStdout == null && expectedStderr == null)
        {
            // No expectation shipped: Wasmtime is the oracle, and itself is only held to exit code and markers.
            checkedAgainst = reference != null ? "wasmtime's output" : "exit code only";
            expectedStdout = reference?.Stdout;
            expectedStderr = reference?.Stderr;
        }
        foreach (var outcome in outcomes)
        {
            if (OutputCheck.Problem(outcome, expectedStdout, expectedStderr, maskTimings: againstReference) is string problem)
                return new EngineResult(name, RunStatus.Wrong, $"run {outcome.Sample.Run + 1}: {problem}", checkedAgainst, samples);
        }
        return new EngineResult(name, RunStatus.Ok, null, checkedAgainst, samples);
    }

    private static byte[]? ReadIfAny(string? path) => path == null ? null : File.ReadAllBytes(path);

    /// <summary>The exception's type and first line, unwrapping the wrappers reflection and tasks add.</summary>
    internal static string Describe(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException != null) e = e.InnerException;
        var message = string.Join(" ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4));
        return $"{e.GetType().Name}: {message}";
    }
}
