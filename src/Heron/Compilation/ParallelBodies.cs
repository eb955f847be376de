using System.Runtime.ExceptionServices;

namespace Heron.Compilation;

/// <summary>
/// Runs the compilation of a module's function bodies on all cores: each body has its own
/// <c>ILGenerator</c>, and what they share (the module builder's token tables) is locked by the runtime
/// or by <see cref="TokenCache"/>. Small modules (most of the spec suite's) stay on the calling thread,
/// where starting workers would cost more than it saves.
/// </summary>
internal static class ParallelBodies
{
    /// <summary>Below this many bytes of function code a module is compiled on one thread.</summary>
    private const int MinimumCode = 64 * 1024;

    /// <summary>Calls <paramref name="compile"/> for every index in <paramref name="order"/> (largest body first), one worker per core.</summary>
    public static void Run(int[] order, int totalCode, Action<int> compile)
    {
        var workers = totalCode < MinimumCode ? 1 : Math.Min(Environment.ProcessorCount, order.Length);
        if (workers <= 1)
        {
            foreach (var j in order) compile(j);
            return;
        }
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            int i;
            while (failure is null && (i = Interlocked.Increment(ref next)) < order.Length)
            {
                try { compile(order[i]); }
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
