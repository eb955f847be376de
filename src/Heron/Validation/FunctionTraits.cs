namespace Heron.Validation;

/// <summary>
/// What a function body contains, found while validating it, so a compiler can skip work (stack-limit
/// checks for leaf functions, fuel checks without loops, memory base caching without memory access).
/// </summary>
[Flags]
internal enum FunctionTraits : byte
{
    None = 0,
    /// <summary>At least one <c>loop</c>: a back-edge where fuel and epoch checks go.</summary>
    Loops = 1 << 0,
    /// <summary>Direct calls (<c>call</c>, <c>return_call</c>).</summary>
    Calls = 1 << 1,
    /// <summary>Indirect calls (<c>call_indirect</c>, <c>call_ref</c> and their tail forms).</summary>
    IndirectCalls = 1 << 2,
    /// <summary>Loads, stores, bulk memory instructions or <c>memory.size</c>.</summary>
    MemoryAccess = 1 << 3,
    /// <summary><c>memory.grow</c>: the cached memory length may change across it.</summary>
    MemoryGrow = 1 << 4,
    /// <summary>Table instructions.</summary>
    TableAccess = 1 << 5,
    /// <summary>Exception instructions (<c>throw</c>, <c>throw_ref</c>, <c>try_table</c>).</summary>
    Exceptions = 1 << 6,
}
