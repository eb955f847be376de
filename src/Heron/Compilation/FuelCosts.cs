using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// What each instruction costs in fuel, and which instructions end a basic block (where the accumulated
/// cost is charged). The table is Wasmtime's: structure and no-ops are free, everything else costs 1.
/// docs/fuel-and-epochs.md documents it; change both together.
/// </summary>
internal static class FuelCosts
{
    /// <summary>The fuel one instruction costs.</summary>
    public static long Of(Opcode opcode) => opcode switch
    {
        Opcode.Nop or Opcode.Drop or Opcode.Block or Opcode.Loop or Opcode.End or Opcode.Else
            or Opcode.Unreachable or Opcode.Return => 0,
        _ => 1,
    };

    /// <summary>
    /// Whether the instruction leaves the current basic block or starts a new one at a join point
    /// (a loop header, the end or else of a block): the cost accumulated so far is charged just before it,
    /// so every path through the code pays for exactly the instructions it runs.
    /// </summary>
    public static bool EndsBlock(Opcode opcode) => opcode switch
    {
        Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End
            or Opcode.Br or Opcode.BrIf or Opcode.BrTable or Opcode.Return
            or Opcode.Call or Opcode.CallIndirect or Opcode.CallRef
            or Opcode.ReturnCall or Opcode.ReturnCallIndirect or Opcode.ReturnCallRef
            or Opcode.BrOnNull or Opcode.BrOnNonNull or Opcode.BrOnCast or Opcode.BrOnCastFail
            or Opcode.Try or Opcode.TryTable or Opcode.Catch or Opcode.CatchAll or Opcode.Delegate
            or Opcode.Throw or Opcode.ThrowRef or Opcode.Rethrow => true,
        _ => false,
    };

    /// <summary>Whether the instruction calls other code, which reads and charges the store's fuel itself.</summary>
    public static bool Calls(Opcode opcode) => opcode is Opcode.Call or Opcode.CallIndirect or Opcode.CallRef
        or Opcode.ReturnCall or Opcode.ReturnCallIndirect or Opcode.ReturnCallRef;
}
