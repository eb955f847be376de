using System.Diagnostics;

namespace Heron.Runtime.Atomics;

/// <summary>
/// The threads parked by <c>memory.atomic.wait32/64</c> on one shared memory, queued per address in
/// arrival order. A waiter compares the memory's value and joins its address's queue under one lock, and
/// <c>memory.atomic.notify</c> takes the same lock to dequeue and wake: a notify that follows the store
/// its waiter was waiting for therefore always finds it. Each waiter blocks on an event of its own, so a
/// notify wakes exactly the threads it counts, never the waiters of other addresses.
/// </summary>
internal sealed unsafe class AtomicWaiters
{
    /// <summary>What <c>memory.atomic.wait</c> returns.</summary>
    public const int Woken = 0, NotEqual = 1, TimedOut = 2;

    private readonly Lock gate = new();
    private readonly Dictionary<ulong, LinkedList<ManualResetEventSlim>> queues = new();

    /// <summary>
    /// Parks the calling thread while the <paramref name="size"/>-byte value at <paramref name="at"/>
    /// (memory offset <paramref name="address"/>) equals <paramref name="expected"/>, until a notify of
    /// that address or <paramref name="timeoutNanoseconds"/> (negative: forever) passes.
    /// </summary>
    public int Wait(ulong address, byte* at, long expected, int size, long timeoutNanoseconds)
    {
        LinkedListNode<ManualResetEventSlim> node;
        lock (gate)
        {
            var current = size == 4 ? Volatile.Read(ref *(int*)at) : Volatile.Read(ref *(long*)at);
            if (current != (size == 4 ? (int)expected : expected)) return NotEqual;
            if (timeoutNanoseconds == 0) return TimedOut;
            if (!queues.TryGetValue(address, out var queue)) queues[address] = queue = new LinkedList<ManualResetEventSlim>();
            node = queue.AddLast(new ManualResetEventSlim(false));
        }
        var signal = node.Value;
        try
        {
            if (Block(signal, timeoutNanoseconds)) return Woken;
            lock (gate)
            {
                // Still queued: nobody notified it. Dequeued: a notify counted it just as the time ran out.
                if (node.List is not { } queue) return Woken;
                queue.Remove(node);
                if (queue.Count == 0) queues.Remove(address);
                return TimedOut;
            }
        }
        finally
        {
            signal.Dispose();
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters of <paramref name="address"/>, oldest first; returns how many.</summary>
    public int Notify(ulong address, uint count)
    {
        if (count == 0) return 0;
        lock (gate)
        {
            if (!queues.TryGetValue(address, out var queue)) return 0;
            var woken = 0;
            while (woken < count && queue.First is { } first)
            {
                queue.RemoveFirst();
                first.Value.Set();
                woken++;
            }
            if (queue.Count == 0) queues.Remove(address);
            return woken;
        }
    }

    /// <summary>The threads waiting now on <paramref name="address"/> (for tests and the host).</summary>
    public int WaitingAt(ulong address)
    {
        lock (gate) return queues.TryGetValue(address, out var queue) ? queue.Count : 0;
    }

    /// <summary>Blocks until signalled (true) or the timeout passes (false), in waits the event can take (under 2^31 ms each).</summary>
    private static bool Block(ManualResetEventSlim signal, long timeoutNanoseconds)
    {
        if (timeoutNanoseconds < 0)
        {
            signal.Wait();
            return true;
        }
        var clock = Stopwatch.StartNew();
        var total = TimeSpan.FromTicks(timeoutNanoseconds / 100 + (timeoutNanoseconds % 100 == 0 ? 0 : 1));
        while (true)
        {
            var remaining = total - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) return signal.IsSet;
            var slice = remaining.TotalMilliseconds >= int.MaxValue ? TimeSpan.FromMilliseconds(int.MaxValue - 1) : remaining;
            if (signal.Wait(slice)) return true;
        }
    }
}
