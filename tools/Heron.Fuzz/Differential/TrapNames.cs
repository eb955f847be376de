using WT = Wasmtime;

namespace Heron.Fuzz.Differential;

/// <summary>Maps both engines' trap codes onto one vocabulary, so that equal traps compare equal.</summary>
internal static class TrapNames
{
    public const string Exhaustion = "exhaustion";

    public static string Of(TrapCode code) => code switch
    {
        // Wasmtime reports an index past the end of the table in call_indirect as a table bounds trap.
        TrapCode.UndefinedElement => nameof(TrapCode.TableOutOfBounds),
        TrapCode.StackOverflow => Exhaustion,
        _ => code.ToString(),
    };

    public static string Of(WT.TrapCode code) => code switch
    {
        WT.TrapCode.StackOverflow => Exhaustion,
        WT.TrapCode.MemoryOutOfBounds => nameof(TrapCode.MemoryOutOfBounds),
        WT.TrapCode.TableOutOfBounds => nameof(TrapCode.TableOutOfBounds),
        WT.TrapCode.IndirectCallToNull => nameof(TrapCode.IndirectCallToNull),
        WT.TrapCode.BadSignature => nameof(TrapCode.BadSignature),
        WT.TrapCode.IntegerOverflow => nameof(TrapCode.IntegerOverflow),
        WT.TrapCode.IntegerDivisionByZero => nameof(TrapCode.IntegerDivisionByZero),
        WT.TrapCode.BadConversionToInteger => nameof(TrapCode.BadConversionToInteger),
        WT.TrapCode.Unreachable => nameof(TrapCode.Unreachable),
        WT.TrapCode.NullReference => nameof(TrapCode.NullReference),
        WT.TrapCode.OutOfFuel => nameof(TrapCode.OutOfFuel),
        WT.TrapCode.Interrupt => nameof(TrapCode.Interrupt),
        WT.TrapCode.CastFailure => nameof(TrapCode.CastFailure),
        WT.TrapCode.ArrayOutOfBounds => nameof(TrapCode.ArrayOutOfBounds),
        WT.TrapCode.AllocationTooLarge => nameof(TrapCode.GcAllocationTooLarge),
        WT.TrapCode.HeapMisaligned => nameof(TrapCode.UnalignedAtomic),
        WT.TrapCode.AtomicWaitNonSharedMemory => nameof(TrapCode.AtomicWaitNonSharedMemory),
        _ => "wasmtime:" + code,
    };
}
