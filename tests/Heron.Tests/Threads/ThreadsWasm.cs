namespace Heron.Tests.Threads;

/// <summary>An engine with the threads proposal, and a way to run one body on several threads, each in a store of its own.</summary>
internal static class ThreadsWasm
{
    public static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.Threads });

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="threads"/> threads at once (released together by a
    /// barrier); the first exception of any thread is rethrown here.
    /// </summary>
    public static void OnThreads(int threads, Action<int> body)
    {
        using var start = new Barrier(threads);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception error)
            {
                errors.Enqueue(error);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (errors.TryDequeue(out var first)) throw new AggregateException(first);
    }
}
