using System.Diagnostics;

namespace Heron.Fuzz.Hostile;

/// <summary>
/// Runs hostile inputs one after another on a worker thread, watched by the calling thread: a case that takes
/// longer than the time bound is a hang, one that allocates far more than its size justifies is a memory
/// blow-up, and any exception other than a <see cref="WasmException"/> is a crash. Failing inputs are saved.
/// </summary>
internal static class HostileCampaign
{
    /// <summary>The processor time (of the whole process) a case may take: counting processor rather than wall
    /// time keeps a machine busy with other work from making slow cases look like hangs.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The wall time a case may take even without using the processor (a case that blocks).</summary>
    private static readonly TimeSpan CaseWallTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The managed allocation a case may make: generous for compiling, far below gigabytes for small inputs.</summary>
    public static long AllocationBudget(int inputLength) => 256L * 1024 * 1024 + 4096L * inputLength;

    public static HostileStats Run(FuzzOptions options, TextWriter log)
    {
        var corpus = Corpus.Load(Corpus.FindSharedRoot(), generated: 200, options.Seed);
        if (corpus.Small.Count == 0) throw new InvalidOperationException("empty corpus");
        log.WriteLine($"corpus: {corpus.Small.Count} small modules, {corpus.Large.Count} benchmark programs");
        var stats = new HostileStats();
        var clock = Stopwatch.StartNew();
        byte[]? current = null;
        long caseStarted = 0;
        long caseProcessorStart = 0;
        using var self = Process.GetCurrentProcess();
        var finished = false;
        var stop = false;
        var worker = new Thread(() =>
        {
            var mutator = new Mutator(new Random(options.Seed), corpus);
            using var executor = new HostileExecutor();
            for (long i = 0; i < options.Cases && !Volatile.Read(ref stop) && clock.Elapsed.TotalMinutes < options.Minutes; i++)
            {
                var input = mutator.Next();
                Volatile.Write(ref current, input);
                Volatile.Write(ref caseProcessorStart, ProcessorTicks(self));
                Volatile.Write(ref caseStarted, Stopwatch.GetTimestamp());
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var outcome = executor.Execute(input);
                    lock (stats) stats.Count(outcome);
                }
                catch (Exception e) when (e is not WasmException)
                {
                    lock (stats)
                    {
                        stats.Crashes++;
                        Report(stats, options, log, "crash", input, e.ToString());
                    }
                }
                var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
                lock (stats)
                {
                    if (used > AllocationBudget(input.Length))
                    {
                        stats.MemoryBlowUps++;
                        Report(stats, options, log, "memory", input, $"{input.Length}-byte input allocated {used / (1024 * 1024)} MB");
                    }
                    stats.Cases++;
                    if (stats.Cases % 20000 == 0) log.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {stats}");
                }
                Volatile.Write(ref caseStarted, 0L);
            }
            Volatile.Write(ref finished, true);
        }, 64 * 1024 * 1024) { IsBackground = true, Name = "hostile inputs" };
        worker.Start();

        while (!Volatile.Read(ref finished))
        {
            Thread.Sleep(100);
            var started = Volatile.Read(ref caseStarted);
            if (started == 0 || Stopwatch.GetElapsedTime(started) <= CaseTimeout) continue;
            var processor = TimeSpan.FromTicks(ProcessorTicks(self) - Volatile.Read(ref caseProcessorStart));
            if (Volatile.Read(ref caseStarted) == started && (processor > CaseTimeout || Stopwatch.GetElapsedTime(started) > CaseWallTimeout))
            {
                // The worker cannot be stopped; it is a background thread, so reporting and returning suffices.
                lock (stats)
                {
                    stats.Hangs++;
                    Report(stats, options, log, "hang", Volatile.Read(ref current)!, $"no result after {processor.TotalSeconds:F0} s of processor time, {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s of wall time");
                }
                Volatile.Write(ref stop, true);
                break;
            }
        }
        log.Flush();
        return stats;
    }

    private static long ProcessorTicks(Process self)
    {
        lock (self)
        {
            self.Refresh();
            return self.TotalProcessorTime.Ticks;
        }
    }

    private static void Report(HostileStats stats, FuzzOptions options, TextWriter log, string kind, byte[] input, string detail)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.Combine(options.OutputDirectory, $"hostile-{kind}-{options.Seed}-{stats.Cases}.wasm");
        File.WriteAllBytes(path, input);
        var message = $"{kind} ({path}): {detail}";
        stats.Failures.Add(message);
        log.WriteLine(message);
        log.Flush();
    }
}
