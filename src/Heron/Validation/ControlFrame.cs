using Heron.Instructions;

namespace Heron.Validation;

/// <summary>
/// One entry of the control stack: a block, loop, if (or else), try_table, legacy try (or catch, catch_all), or the function itself.
/// <see cref="Height"/> is the operand stack height at its start; below it the frame may not pop.
/// </summary>
internal struct ControlFrame
{
    /// <summary>Block, Loop, If, Else, TryTable, Try, Catch, CatchAll; <see cref="Opcode.Call"/> marks the function's own frame.</summary>
    public Opcode Kind;
    public ValueType[] Params;
    public ValueType[] Results;
    public int Height;
    /// <summary>After an unconditional branch: the stack is polymorphic until the frame ends.</summary>
    public bool Unreachable;
    /// <summary>Height of the initialised-locals log at the frame's start (3.0 non-defaultable locals).</summary>
    public int InitHeight;

    /// <summary>What a branch to this frame carries: a loop's parameters, any other frame's results.</summary>
    public readonly ValueType[] LabelTypes => Kind == Opcode.Loop ? Params : Results;
}
