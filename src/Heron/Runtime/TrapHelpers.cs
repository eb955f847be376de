using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// Out-of-line throw helpers called by compiled code. They never return and are never inlined, so the
/// JIT moves each call site to a cold block and the hot path stays one compare and one branch.
/// </summary>
internal static class TrapHelpers
{
    /// <summary>The trap of the <c>unreachable</c> instruction, thrown by compiled code itself so its IL ends in a throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception UnreachableTrap() => new TrapException(TrapCode.Unreachable, "unreachable");

    /// <summary>
    /// The out-of-bounds trap as compiled code raises it: <c>call</c> then <c>throw</c>. The JIT knows
    /// that a block ending in <c>throw</c> is cold and never falls through, so nothing stays live across
    /// it and it is moved out of the hot path; after a plain call to a helper that throws, it had to
    /// assume the call returns (measured: the address temporary of every access spilled to the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception MemoryOutOfBoundsTrap() => new TrapException(TrapCode.MemoryOutOfBounds, "out of bounds memory access");

    /// <summary>The stack-exhaustion trap as compiled code raises it (see <see cref="MemoryOutOfBoundsTrap"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception StackExhaustedTrap() => new TrapException(TrapCode.StackOverflow, "call stack exhausted");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Unreachable() => throw new TrapException(TrapCode.Unreachable, "unreachable");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void MemoryOutOfBounds() => throw new TrapException(TrapCode.MemoryOutOfBounds, "out of bounds memory access");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void TableOutOfBounds() => throw new TrapException(TrapCode.TableOutOfBounds, "out of bounds table access");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void UndefinedElement(int index) => UndefinedElement64((uint)index);

    /// <summary>Traps: a table index past the table's end. The spec calls it an undefined element, Wasmtime an
    /// out-of-bounds table access; the message carries both so either's scripts recognise it.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void UndefinedElement64(long index) =>
        throw new TrapException(TrapCode.UndefinedElement, $"undefined element {(ulong)index}: table index out of bounds");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void TableAllocationFailed(ulong delta) =>
        throw new TrapException(TrapCode.AllocationFailed, $"failed to allocate table elements: growing by {delta} overflows the address space");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void UninitializedElement(int index) => throw new TrapException(TrapCode.IndirectCallToNull, $"uninitialized element {index}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void IndirectCallTypeMismatch() => throw new TrapException(TrapCode.BadSignature, "indirect call type mismatch");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void IntegerOverflow() => throw new TrapException(TrapCode.IntegerOverflow, "integer overflow");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void IntegerDivideByZero() => throw new TrapException(TrapCode.IntegerDivisionByZero, "integer divide by zero");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidConversion() => throw new TrapException(TrapCode.BadConversionToInteger, "invalid conversion to integer");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void StackExhausted() => throw new TrapException(TrapCode.StackOverflow, "call stack exhausted");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void NullReference() => throw new TrapException(TrapCode.NullReference, "null reference");
}
