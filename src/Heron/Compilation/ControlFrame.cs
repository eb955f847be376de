using System.Reflection.Emit;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// One open block, loop, if, try_table, legacy try or the function body. A branch to it leaves exactly
/// <see cref="BranchTypes"/> on top of the <see cref="Height"/> operands that were below the block, so
/// every path reaching <see cref="Label"/> has the same CIL stack shape.
/// </summary>
internal sealed class ControlFrame
{
    public required Opcode Kind { get; init; }
    public required ValueType[] Params { get; init; }
    public required ValueType[] Results { get; init; }
    /// <summary>Operand stack height below the block's parameters.</summary>
    public required int Height { get; init; }
    /// <summary>The branch target: the end for block and if, the start for loop.</summary>
    public Label Label { get; init; }
    /// <summary>For if: the start of the else arm (or of the implicit one).</summary>
    public Label Else { get; init; }
    public bool HasElse { get; set; }
    /// <summary>Whether some branch targets <see cref="Label"/> (for block and if: whether the end is reachable by a branch).</summary>
    public bool LabelUsed { get; set; }
    public bool IsFunction => Kind == Opcode.End;
    /// <summary>For try_table and legacy try while the body is compiled: the protected region (null once the body ends).</summary>
    public TryRegion? Try { get; set; }
    /// <summary>For a legacy try from its first catch clause to its end: the caught exception and the clause tests.</summary>
    public LegacyHandler? Handler { get; set; }
    public ValueType[] BranchTypes => Kind == Opcode.Loop ? Params : Results;
}
