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
    /// one worker per core (by the calling thread alone unless <paramref name="parallel"/>). The first
    /// failure stops the workers and is rethrown.
    /// </summary>
    public static void Run(int[] order, bool parallel, Action<int> work)
    {
        var workers = parallel ? Math.Min(Environment.ProcessorCount, order.Length) : 1;
        if (workers <= 1)
        {
            foreach (var j in order) work(j);
            return;
        }
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            int i;
            while (failure is null && (i = Interlocked.Increment(ref next)) < order.Length)
            {
                try { work(order[i]); }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null); }
            }
        }
        var helpers = new Task[workers - 1];
        for (int w = 0; w < helpers.Length; w++) helpers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Work();
        Task.WaitAll(helpers);
        failure?.Throw();
    }
}
