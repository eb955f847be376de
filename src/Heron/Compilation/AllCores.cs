using System.Runtime.ExceptionServices;

namespace Heron.Compilation;

/// <summary>
/// Runs independent pieces of a module's compilation on all cores, the calling thread being one worker:
/// the CIL of its function bodies (each has its own <c>ILGenerator</c>; what they share, the module
/// builder's token tables, is locked by the runtime or by <see cref="TokenCache"/>) and the ahead JIT.
/// Workers are dedicated threads, not the thread pool's, whose threads may be busy or not yet started.
/// </summary>
internal static class AllCores
{
    /// <summary>
    /// Calls <paramref name="work"/> for every index in <paramref name="order"/>, taken in that order by
    /// one worker per core (by the calling thread alone unless <paramref name="parallel"/>), and runs the
    /// <paramref name="deferred"/> work that <paramref name="work"/> queues as it goes: a worker takes the
    /// next index while any is left, then queued work, until no index is left, none is being worked on and
    /// nothing is queued. The first failure stops the workers and is rethrown.
    /// </summary>
    public static void Run(int[] order, bool parallel, Action<int> work, DeferredWork? deferred = null)
    {
        // With deferred work, even one index (one huge split function) is worth a second worker.
        var workers = parallel ? Math.Min(Environment.ProcessorCount, deferred is null ? order.Length : Math.Max(order.Length, 2)) : 1;
        if (workers <= 1)
        {
            foreach (var j in order) work(j);
            while (deferred?.TryRunOne() == true) { }
            return;
        }
        var next = -1;
        var running = 0;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            var idle = new SpinWait();
            while (failure is null)
            {
                bool worked;
                Interlocked.Increment(ref running);
                try
                {
                    // Once every index is taken, next stays put while the worker waits for queued work.
                    var i = Volatile.Read(ref next) >= order.Length ? order.Length : Interlocked.Increment(ref next);
                    if (i < order.Length)
                    {
                        work(order[i]);
                        worked = true;
                    }
                    else worked = deferred?.TryRunOne() == true;
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    worked = true;
                }
                finally { Interlocked.Decrement(ref running); }
                if (worked)
                {
                    idle = default;
                    continue;
                }
                // Nothing to take. Work is only queued by a busy worker, and counts as unfinished until it has
                // run: with no worker busy and nothing unfinished, no more can come.
                if (deferred is null || Volatile.Read(ref running) == 0 && !deferred.Unfinished) return;
                idle.SpinOnce();
            }
        }
        var helpers = new Task[workers - 1];
        for (int w = 0; w < helpers.Length; w++) helpers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Work();
        Task.WaitAll(helpers);
        failure?.Throw();
    }
}
