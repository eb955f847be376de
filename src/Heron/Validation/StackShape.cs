namespace Heron.Validation;

/// <summary>The operand stack of the innermost block just before an instruction, as the validator saw it.</summary>
internal enum StackShape : byte
{
    /// <summary>Reachable, and no operand above the block's own base: a statement may start here.</summary>
    Empty,
    /// <summary>Reachable, with operands of the block on the stack.</summary>
    Holding,
    /// <summary>After an unconditional branch: the rest of the block never runs.</summary>
    Unreachable,
}
