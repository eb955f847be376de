namespace Heron;

/// <summary>Why WebAssembly execution trapped.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,
    /// <summary>A load, store or bulk memory operation went outside linear memory.</summary>
    MemoryOutOfBounds,
    /// <summary>A table access or bulk table operation went outside the table.</summary>
    TableOutOfBounds,
    /// <summary><c>call_indirect</c> found a null reference in the table ("uninitialized element").</summary>
    IndirectCallToNull,
    /// <summary><c>call_indirect</c> used an index past the end of the table ("undefined element").</summary>
    UndefinedElement,
    /// <summary><c>call_indirect</c> found a function of another type.</summary>
    BadSignature,
    /// <summary>Signed division overflowed, or a float-to-integer conversion was out of range.</summary>
    IntegerOverflow,
    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivisionByZero,
    /// <summary>A float-to-integer conversion of NaN.</summary>
    BadConversionToInteger,
    /// <summary>The WebAssembly call stack was exhausted.</summary>
    StackOverflow,
    /// <summary>The store ran out of fuel.</summary>
    OutOfFuel,
    /// <summary>Execution was interrupted (epoch deadline).</summary>
    Interrupt,
    /// <summary>A null reference was dereferenced.</summary>
    NullReference,
    /// <summary>A host function failed in a way reported as a trap.</summary>
    HostError,
    /// <summary>
    /// A table could not be grown because its size in bytes does not even fit the address space (Wasmtime
    /// traps there too, rather than returning -1 as for growth past a limit).
    /// </summary>
    AllocationFailed,
    /// <summary>An atomic access to an address that is not a multiple of its size ("unaligned atomic").</summary>
    UnalignedAtomic,
    /// <summary><c>memory.atomic.wait32/64</c> on a memory that is not shared.</summary>
    AtomicWaitNonSharedMemory,
    /// <summary>
    /// A rule of the component model's canonical ABI was broken: a value out of range for its type, a
    /// misaligned or out-of-bounds string or list, an invalid resource handle, or a call into a component
    /// instance that may not be entered (it is already on the stack, or an earlier trap poisoned it).
    /// </summary>
    CanonicalAbi,
}
