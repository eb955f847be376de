using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// The out-of-line traps of the fuel and epoch checks. Like the other trap helpers they return the
/// exception and the compiled code throws it: the JIT then knows the cold path ends there, keeps the
/// loop's values in caller-saved registers and does not spill around a call it would otherwise assume
/// returns (measured on sieve with epochs on: 2.0x of off before, see docs/performance.md).
/// </summary>
internal static class InterruptHelpers
{
    /// <summary>Fuel went below zero: what was left is consumed, and the guest traps.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TrapException OutOfFuel(StoreRuntime runtime)
    {
        runtime.Fuel = 0;
        return new TrapException(TrapCode.OutOfFuel, "all fuel consumed by WebAssembly");
    }

    /// <summary>The engine's epoch reached the store's deadline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TrapException EpochDeadlineReached() => new(TrapCode.Interrupt, "interrupt");
}
