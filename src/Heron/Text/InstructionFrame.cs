namespace Heron.Text;

/// <summary>
/// An open construct of the instruction parser's explicit stack: a plain block awaiting <c>end</c>, or a
/// folded form awaiting its right parenthesis (with the state of a folded <c>if</c>).
/// </summary>
internal sealed class InstructionFrame(InstructionFrame.Shape shape)
{
    /// <summary>What the frame is and, for a folded if, which part the parser is in.</summary>
    public enum Shape : byte
    {
        /// <summary><c>block</c>, <c>loop</c>, <c>if</c>, <c>try_table</c> in plain form, closed by <c>end</c>.</summary>
        PlainBlock,
        /// <summary><c>(op immediates folded*)</c>: the op's bytes are written after its operands.</summary>
        FoldedPlain,
        /// <summary><c>(block ...)</c>, <c>(loop ...)</c>, <c>(try_table ...)</c>.</summary>
        FoldedBlock,
        /// <summary><c>(if bt folded*</c>: condition operands, before <c>(then</c>.</summary>
        FoldedIfCondition,
        FoldedThen,
        /// <summary>After <c>(then ...)</c>: an <c>(else ...)</c> or the closing parenthesis may follow.</summary>
        FoldedAfterThen,
        FoldedElse,
        /// <summary>After <c>(else ...)</c>: only the closing parenthesis may follow.</summary>
        FoldedDone,
    }

    public Shape Kind { get; set; } = shape;

    /// <summary>For FoldedPlain: the instruction's bytes; for FoldedIfCondition: the block type's bytes.</summary>
    public byte[]? Pending { get; init; }

    public string? Label { get; init; }

    /// <summary>For a plain <c>if</c>: whether <c>else</c> may still come.</summary>
    public bool IsIf { get; init; }

    public bool SeenElse { get; set; }
}
