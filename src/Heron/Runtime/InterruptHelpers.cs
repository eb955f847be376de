using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// The out-of-line traps of the fuel and epoch checks, kept apart from the hot path as the other traps are.
/// </summary>
internal static class InterruptHelpers
{
    /// <summary>Fuel went below zero: what was left is consumed, and the guest traps.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void OutOfFuel(StoreRuntime runtime)
    {
        runtime.Fuel = 0;
        throw new TrapException(TrapCode.OutOfFuel, "all fuel consumed by WebAssembly");
    }

    /// <summary>The engine's epoch reached the store's deadline.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void EpochDeadlineReached() => throw new TrapException(TrapCode.Interrupt, "interrupt");
}
