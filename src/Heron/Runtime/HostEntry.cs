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
        if (--runtime.EntryDepth == 0) runtime.StackLimit = 0;
    }
}
