using System.Collections.Concurrent;

namespace Heron.Compilation;

/// <summary>
/// Work that compiling one function hands to the other cores while it goes on: the outlined regions of a
/// split function (see <see cref="FunctionSplitter"/>), whose bodies are independent of the code that
/// calls them. Without it a huge split function, the only one of its size, was emitted region after
/// region on one core while the others sat idle (hashset: 323 KB of WebAssembly, 60 ms).
/// <see cref="AllCores.Run"/> runs it.
/// </summary>
internal sealed class DeferredWork(ThreadLocal<TokenCache?> tokens)
{
    private readonly ConcurrentQueue<Action> items = new();
    // A class of Heron's own as the element: a queue of tuples is framework generic code over a struct, outside
    // the ReadyToRun image, which every start of the tool would JIT-compile.
    private readonly ConcurrentQueue<SiteMerge> sites = new();

    private sealed record SiteMerge(CallSites Into, CallSites From);
    private int unfinished;

    /// <summary>The token cache of the thread that runs the work (a cache is not shared between threads).</summary>
    public TokenCache? Tokens => tokens.Value;

    /// <summary>
    /// The calls that deferred work records in <paramref name="from"/> belong to <paramref name="into"/>, the
    /// call sites of the code it was taken from: merged by <see cref="MergeSites"/> once all work is done.
    /// </summary>
    public void MergeLater(CallSites into, CallSites from) => sites.Enqueue(new SiteMerge(into, from));

    /// <summary>
    /// Merges the call sites recorded apart into those of the functions they came from. A region's own
    /// regions were queued after it, so going backwards merges the innermost first.
    /// </summary>
    public void MergeSites()
    {
        var pairs = sites.ToArray();
        for (int k = pairs.Length - 1; k >= 0; k--)
        {
            var (into, from) = pairs[k];
            into.HasIndirect |= from.HasIndirect;
            into.Callees.AddRange(from.Callees);
            into.ColdCallees.AddRange(from.ColdCallees);
            into.References.AddRange(from.References);
        }
    }

    /// <summary>Work added and not yet finished, some of which may add more.</summary>
    public bool Unfinished => Volatile.Read(ref unfinished) > 0;

    /// <summary>Queues <paramref name="work"/>; an exception it throws fails the whole run.</summary>
    public void Add(Action work)
    {
        Interlocked.Increment(ref unfinished);
        items.Enqueue(work);
    }

    /// <summary>Runs one queued item, if any; false when the queue was empty.</summary>
    public bool TryRunOne()
    {
        if (!items.TryDequeue(out var work)) return false;
        try { work(); }
        finally { Interlocked.Decrement(ref unfinished); }
        return true;
    }
}
