using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using static Heron.Compilation.LoopSymbols;

namespace Heron.Compilation;

/// <summary>
/// A loop that compares two byte strings until they differ or a counter runs out: the C library's
/// <c>memcmp</c> (<c>for (; n &amp;&amp; *l == *r; n--, l++, r++);</c>), which has no bulk instruction to be
/// built into, so every C program carries it as a byte loop (sightglass sqlite3: 5% of its run). Recognised
/// so that it runs as one search for the first difference (see <see cref="FunctionCompiler.TryByteLoop"/>).
/// <para>
/// The shape: the body loads a byte from each string (both addresses rising by one each iteration, see
/// <see cref="LoopSymbols"/>), perhaps keeping them in locals, and tests them for equality with an <c>if</c>
/// whose arm steps the induction variables, continues the loop with a <c>br_if</c> on a counter that moves
/// by one, and otherwise leaves it with a <c>br</c> to an enclosing label. A difference falls out of the
/// loop's end with the differing bytes loaded; running out takes the <c>br</c> with the last bytes loaded.
/// </para>
/// </summary>
internal sealed class ByteCompareLoop
{
    /// <summary>Module offset just after the loop's <c>end</c>: where compilation resumes.</summary>
    public int End { get; private init; }

    /// <summary>The two loads, in the order the body makes them (first address, memory, offset, signedness, module offset).</summary>
    public ByteLoad First { get; private init; }
    public ByteLoad Second { get; private init; }

    /// <summary>As <see cref="ByteLoop.Counter"/>: the loop goes on while this, after an iteration's arm, is not zero.</summary>
    public Affine Counter { get; private init; } = Affine.Zero;
    public int CounterStep { get; private init; }

    /// <summary>Each induction variable with what it gains per completed iteration (never 0).</summary>
    public (int Local, int Step)[] Inductions { get; private init; } = [];

    /// <summary>The locals that keep a loaded byte, and which load (0 or 1) they keep.</summary>
    public (int Local, int Load)[] ByteHolders { get; private init; } = [];

    /// <summary>The label the loop leaves by when the counter runs out, counted from outside the loop (0: the innermost around it).</summary>
    public int ExitDepth { get; private init; }

    /// <summary>
    /// The compare loop that <paramref name="loop"/> starts (as <see cref="ByteLoop.Match"/>), or null.
    /// </summary>
    public static ByteCompareLoop? Match(WasmModule module, in Instruction loop, int bodyStart, int end, ValueType[] localTypes)
    {
        if (!loop.Block.IsEmpty) return null;
        var reader = new InstructionReader(module.Bytes, bodyStart, end);
        var body = new LoopSymbols(module, localTypes);

        // Up to the if: the two loads and their comparison, assigning only byte holders.
        Symbol? test = null;
        for (int count = 0; test is null; count++)
        {
            if (count > MaxInstructions || reader.AtEnd) return null;
            var instruction = reader.Read();
            if (instruction.Opcode == Opcode.If)
            {
                if (!instruction.Block.IsEmpty || body.Depth != 1) return null;
                test = body.Pop();
            }
            else if (!body.Step(in instruction)) return null;
        }
        if (body.LoadCount != 2 || !test.IsComparison || !test.Equal) return null;
        if (!(test.Left!.Load == 0 && test.Right!.Load == 1 || test.Left.Load == 1 && test.Right!.Load == 0)) return null;
        for (int k = 0; k < body.AssignedCount; k++)
            if (body.Assignment(k).Value.Load < 0) return null;
        // The locals that keep the bytes: they must keep the same ones after the arm. A byte the arm copies
        // elsewhere is the previous iteration's when a difference stops the loop before the arm.
        var holders = body.ByteHolders();

        // The if's arm: steps, the br_if back to the loop, the br out; then the ends of the if and the loop.
        Symbol? condition = null;
        var exit = -1;
        for (int count = 0; ; count++)
        {
            if (count > MaxInstructions || reader.AtEnd) return null;
            var instruction = reader.Read();
            if (exit >= 0)
            {
                if (instruction.Opcode != Opcode.End) return null;
                instruction = reader.Read();
                if (instruction.Opcode != Opcode.End) return null;
                break;
            }
            if (condition is not null)
            {
                if (instruction.Opcode != Opcode.Br || instruction.Index < 2 || body.Depth != 0) return null;
                exit = (int)instruction.Index - 2;
            }
            else if (instruction.Opcode == Opcode.BrIf)
            {
                if (instruction.Index != 1 || body.Depth != 1) return null;
                condition = body.Pop();
            }
            else if (!body.Step(in instruction) || body.LoadCount != 2 || body.Store is not null) return null;
        }

        if (condition is null || body.Steps() is not { } steps) return null;
        var holdersAfter = body.ByteHolders();
        if (holdersAfter.Length != holders.Length) return null;
        for (int k = 0; k < holders.Length; k++)
            if (holdersAfter[k] != holders[k]) return null;
        ByteLoad first = body.LoadAt(0), second = body.LoadAt(1);
        if (first.Address.StrideWith(steps) != 1 || !ReadsNoByte(first.Address, holders)) return null;
        if (second.Address.StrideWith(steps) != 1 || !ReadsNoByte(second.Address, holders)) return null;
        if (!TryCounter(condition, steps, holders, out var counter, out var counterStep)) return null;

        return new ByteCompareLoop
        {
            End = reader.Position,
            First = first,
            Second = second,
            Counter = counter,
            CounterStep = counterStep,
            Inductions = LoopSymbols.Inductions(steps),
            ByteHolders = holders,
            ExitDepth = exit,
        };
    }
}
