namespace Heron.Runtime;

/// <summary>
/// State that all instances of one store share and compiled code reads: the stack limit checked at
/// every function entry. A store is used by one thread at a time, so plain fields suffice.
/// </summary>
internal sealed class StoreRuntime
{
    /// <summary>
    /// The lowest stack address WebAssembly code may reach. Compiled code compares the address of one of
    /// its locals against it at entry and traps "call stack exhausted" below it. Zero when no WebAssembly
    /// code is running, which is never reached (the check only happens inside entered calls).
    /// </summary>
    public nuint StackLimit;

    /// <summary>Nesting of host-to-WebAssembly entries on the current thread (host functions calling back in).</summary>
    public int EntryDepth;

    public StoreRuntime(nuint maxWasmStack) => MaxWasmStack = maxWasmStack;

    public nuint MaxWasmStack { get; }

    /// <summary>The public store (a <see cref="Heron.Store"/>), for host functions.</summary>
    public object? Owner { get; set; }

    public Engine? Engine { get; set; }
}
