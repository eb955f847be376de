namespace Heron.Text;

/// <summary>
/// An open construct of the instruction parser's explicit stack: a plain block awaiting <c>end</c>, or a
/// folded form awaiting its right parenthesis (with the state of a folded <c>if</c> or legacy <c>try</c>).
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
        /// <summary><c>(try bt</c> (legacy exceptions): <c>(do ...)</c> must follow.</summary>
        FoldedTry,
        /// <summary>Inside a folded try's <c>(do ...)</c>, <c>(catch x ...)</c> or <c>(catch_all ...)</c>.</summary>
        FoldedTryPart,
        /// <summary>After <c>(do ...)</c> or a <c>(catch x ...)</c>: more clauses, <c>(delegate l)</c> (after do only) or the closing parenthesis.</summary>
        FoldedTryClauses,
        /// <summary>After <c>(catch_all ...)</c> or <c>(delegate l)</c>: only the closing parenthesis may follow.</summary>
        FoldedTryDone,
    }

    public Shape Kind { get; set; } = shape;

    /// <summary>For FoldedPlain: the instruction's bytes; for FoldedIfCondition: the block type's bytes.</summary>
    public byte[]? Pending { get; init; }

    public string? Label { get; init; }

    /// <summary>For a plain <c>if</c>: whether <c>else</c> may still come.</summary>
    public bool IsIf { get; init; }

    public bool SeenElse { get; set; }

    /// <summary>For a folded if or plain instruction: the branch hint annotation before it, recorded when its opcode is written.</summary>
    public Annotation? Hint { get; init; }

    /// <summary>For FoldedPlain: the instruction (what a branch hint before it targets).</summary>
    public Instructions.Opcode Opcode { get; init; }

    /// <summary>For a legacy try (plain or folded).</summary>
    public bool IsTry { get; init; }

    /// <summary>For a legacy try: a <c>catch</c> or <c>catch_all</c> came (no <c>delegate</c> may follow).</summary>
    public bool SeenCatch { get; set; }

    /// <summary>For a legacy try: a <c>catch_all</c> came (no clause may follow).</summary>
    public bool SeenCatchAll { get; set; }

    /// <summary>For a folded legacy try: closed by <c>(delegate l)</c>, which took the place of <c>end</c> and of the try's label.</summary>
    public bool Delegated { get; set; }
}
