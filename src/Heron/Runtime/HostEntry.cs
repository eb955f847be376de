using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// The host-to-WebAssembly entry protocol. The outermost entry of a store on a thread sets the stack
/// limit that compiled code checks at every function entry: the current stack address minus the
/// allowed WebAssembly stack, but never closer to the thread's real end than <see cref="HostReserve"/>,
/// which leaves room for the trap's exception dispatch and for host functions called from the guest.
/// </summary>
internal static unsafe class HostEntry
{
    /// <summary>Stack kept free for the runtime below the WebAssembly limit.</summary>
    public const nuint HostReserve = 256 * 1024;

    /// <summary>When the system does not report the stack's end, the guest gets at most this much.</summary>
    public const nuint UnknownStackBudget = 512 * 1024;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Enter(StoreRuntime runtime)
    {
        // A store is single-threaded: the first entry claims it for this thread, re-entries from host
        // functions on the same thread nest, and another thread is refused before it touches anything.
        var thread = Environment.CurrentManagedThreadId;
        var active = Interlocked.CompareExchange(ref runtime.ActiveThread, thread, 0);
        if (active != 0 && active != thread) ConcurrentUse(active, thread);
        if (Volatile.Read(ref runtime.Disposed))
        {
            if (active == 0) Volatile.Write(ref runtime.ActiveThread, 0);
            Disposed();
        }
        if (runtime.EntryDepth++ != 0) return;
        byte marker = 0;
        var here = (nuint)(&marker);
        var stackLow = ThreadStack.Low;
        nuint limit;
        if (stackLow == 0)
        {
            var budget = Math.Min(runtime.MaxWasmStack, UnknownStackBudget);
            limit = here > budget ? here - budget : 0;
        }
        else
        {
            limit = here > runtime.MaxWasmStack ? here - runtime.MaxWasmStack : 0;
            var floor = stackLow + HostReserve;
            if (limit < floor) limit = floor;
        }
        runtime.StackLimit = limit;
    }

    public static void Exit(StoreRuntime runtime)
    {
        if (--runtime.EntryDepth != 0) return;
        runtime.StackLimit = 0;
        Volatile.Write(ref runtime.ActiveThread, 0);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void Disposed() =>
        throw new ObjectDisposedException(nameof(Store), "the store was disposed: its functions can no longer be called");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConcurrentUse(int active, int thread) =>
        throw new InvalidOperationException(
            $"the store is in use by thread {active} and cannot be used by thread {thread} at the same time; " +
            "a store is used by one thread at a time (use one store per thread)");
}
