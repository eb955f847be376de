using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// The symbolic reading of a short straight-line loop body that <see cref="ByteLoop"/> and
/// <see cref="ByteCompareLoop"/> recognise from. Every value is an affine sum of the locals' values at the
/// start of an iteration plus a constant (<see cref="Affine"/>), a byte one of the body's loads reads, or a
/// comparison of two values. Only local accesses, i32 constants, adds, subtracts, <c>i32.eq</c>/<c>i32.ne</c>,
/// byte loads and byte stores are understood; anything else ends the reading. (Arrays, not dictionaries
/// or lists of its own types: the compiler's start path avoids framework generics over Heron's types, and a
/// loop body has a handful of locals.)
/// </summary>
internal sealed class LoopSymbols(WasmModule module, ValueType[] localTypes)
{
    /// <summary>The longest body read: the loops this is for are a dozen or two instructions.</summary>
    public const int MaxInstructions = 40;

    /// <summary>
    /// An integer sum over the locals' values at the start of an iteration: <c>Σ coefficient·local + Constant</c>.
    /// </summary>
    public sealed class Affine(int[] locals, int[] coefficients, int constant)
    {
        public static readonly Affine Zero = new([], [], 0);

        /// <summary>The locals with a nonzero coefficient, and their coefficients.</summary>
        public int[] Locals { get; } = locals;
        public int[] Coefficients { get; } = coefficients;
        public int Constant { get; } = constant;

        public static Affine Of(int local) => new([local], [1], 0);

        public static Affine OfConstant(int value) => new([], [], value);

        public static Affine Combine(Affine a, Affine b, int sign)
        {
            var locals = new List<int>(a.Locals);
            var coefficients = new List<int>(a.Coefficients);
            for (int k = 0; k < b.Locals.Length; k++)
            {
                var at = locals.IndexOf(b.Locals[k]);
                if (at < 0)
                {
                    locals.Add(b.Locals[k]);
                    coefficients.Add(unchecked(sign * b.Coefficients[k]));
                }
                else coefficients[at] = unchecked(coefficients[at] + sign * b.Coefficients[k]);
            }
            for (int k = locals.Count - 1; k >= 0; k--)
                if (coefficients[k] == 0)
                {
                    locals.RemoveAt(k);
                    coefficients.RemoveAt(k);
                }
            return new Affine([.. locals], [.. coefficients], unchecked(a.Constant + sign * b.Constant));
        }

        /// <summary>How much the sum gains per iteration, given each assigned local's step.</summary>
        public int StrideWith((int Local, int Step)[] steps)
        {
            var stride = 0;
            for (int k = 0; k < Locals.Length; k++)
                foreach (var (local, step) in steps)
                    if (local == Locals[k]) stride = unchecked(stride + Coefficients[k] * step);
            return stride;
        }

        /// <summary>Whether this is exactly <paramref name="local"/> plus a constant.</summary>
        public bool IsStepOf(int local) => Locals.Length == 1 && Locals[0] == local && Coefficients[0] == 1;

        public bool Reads(int local) => Array.IndexOf(Locals, local) >= 0;
    }

    /// <summary>
    /// A value: a sum; the byte load number <see cref="Load"/> read; or the comparison (<see cref="Equal"/>
    /// or not) of two values.
    /// </summary>
    public sealed class Symbol(Affine? sum, int load = -1, Symbol? left = null, Symbol? right = null, bool equal = false)
    {
        public Affine? Sum { get; } = sum;
        public int Load { get; } = load;
        public Symbol? Left { get; } = left;
        public Symbol? Right { get; } = right;
        public bool Equal { get; } = equal;
        public bool IsComparison => Left is not null;
    }

    /// <summary>A byte load of the body: its address in the iteration (before the static offset), memory, offset, signedness and module offset.</summary>
    public readonly record struct ByteLoad(Affine Address, int Memory, ulong Offset, bool Signed, int At);

    /// <summary>The body's byte store: its address, memory, offset, the value stored and its module offset.</summary>
    public readonly record struct ByteStore(Affine Address, int Memory, ulong Offset, Symbol Stored, int At);

    private readonly Symbol[] stack = new Symbol[MaxInstructions + 1];
    private readonly int[] assigned = new int[MaxInstructions + 1];
    private readonly Symbol[] values = new Symbol[MaxInstructions + 1];
    private readonly ByteLoad[] loads = new ByteLoad[2];

    public int Depth { get; private set; }
    public int AssignedCount { get; private set; }
    public int LoadCount { get; private set; }
    public ByteStore? Store { get; private set; }

    public ByteLoad LoadAt(int index) => loads[index];

    public Symbol Pop() => stack[--Depth];

    /// <summary>The local assigned <paramref name="index"/>-th (in first-assignment order) and its value now.</summary>
    public (int Local, Symbol Value) Assignment(int index) => (assigned[index], values[index]);

    private Symbol Get(int local)
    {
        var at = Array.IndexOf(assigned, local, 0, AssignedCount);
        return at >= 0 ? values[at] : new Symbol(Affine.Of(local));
    }

    private void Set(int local, Symbol value)
    {
        var at = Array.IndexOf(assigned, local, 0, AssignedCount);
        if (at < 0)
        {
            at = AssignedCount++;
            assigned[at] = local;
        }
        values[at] = value;
    }

    /// <summary>Reads one instruction into the symbolic state; false when it is one this reading does not understand.</summary>
    public bool Step(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Nop:
                return true;
            case Opcode.LocalGet:
                if (localTypes[instruction.Index] != ValueType.I32) return false;
                stack[Depth++] = Get((int)instruction.Index);
                return true;
            case Opcode.LocalSet or Opcode.LocalTee:
            {
                if (Depth == 0 || localTypes[instruction.Index] != ValueType.I32) return false;
                var value = stack[Depth - 1];
                if (value.IsComparison) return false;
                Set((int)instruction.Index, value);
                if (instruction.Opcode == Opcode.LocalSet) Depth--;
                return true;
            }
            case Opcode.I32Const:
                stack[Depth++] = new Symbol(Affine.OfConstant((int)instruction.Value));
                return true;
            case Opcode.I32Add or Opcode.I32Sub:
            {
                if (Depth < 2) return false;
                Symbol left = stack[Depth - 2], right = stack[Depth - 1];
                if (left.Sum is null || right.Sum is null) return false;
                Depth -= 2;
                stack[Depth++] = new Symbol(Affine.Combine(left.Sum, right.Sum, instruction.Opcode == Opcode.I32Add ? 1 : -1));
                return true;
            }
            case Opcode.I32Ne or Opcode.I32Eq:
            {
                if (Depth < 2) return false;
                Symbol left = stack[Depth - 2], right = stack[Depth - 1];
                if (left.IsComparison || right.IsComparison) return false;
                Depth -= 2;
                stack[Depth++] = new Symbol(null, left: left, right: right, equal: instruction.Opcode == Opcode.I32Eq);
                return true;
            }
            case Opcode.I32Load8U or Opcode.I32Load8S:
            {
                if (LoadCount == loads.Length || Depth == 0 || stack[Depth - 1].Sum is not { } address) return false;
                if (module.MemoryTypeOf((int)instruction.Index).Is64) return false;
                loads[LoadCount] = new ByteLoad(address, (int)instruction.Index, instruction.MemoryOffset,
                    instruction.Opcode == Opcode.I32Load8S, instruction.Offset);
                stack[Depth - 1] = new Symbol(null, load: LoadCount++);
                return true;
            }
            case Opcode.I32Store8:
            {
                if (Store is not null || Depth < 2) return false;
                Symbol address = stack[Depth - 2], value = stack[Depth - 1];
                if (address.Sum is null || value.IsComparison) return false;
                if (module.MemoryTypeOf((int)instruction.Index).Is64) return false;
                Depth -= 2;
                Store = new ByteStore(address.Sum, (int)instruction.Index, instruction.MemoryOffset, value, instruction.Offset);
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>
    /// Sorts the assigned locals: each must step by a constant (its value is itself plus the constant) or hold a
    /// loaded byte. Returns the steps of all of them (0 for the byte holders), or null when some local is neither.
    /// </summary>
    public (int Local, int Step)[]? Steps()
    {
        var steps = new (int Local, int Step)[AssignedCount];
        for (int k = 0; k < AssignedCount; k++)
        {
            var (local, value) = (assigned[k], values[k]);
            if (value.Load >= 0) steps[k] = (local, 0);
            else if (value.Sum is { } sum && sum.IsStepOf(local)) steps[k] = (local, sum.Constant);
            else return null;
        }
        return steps;
    }

    /// <summary>The locals assigned a loaded byte, with the load's number.</summary>
    public (int Local, int Load)[] ByteHolders()
    {
        var count = 0;
        for (int k = 0; k < AssignedCount; k++)
            if (values[k].Load >= 0) count++;
        var holders = new (int Local, int Load)[count];
        count = 0;
        for (int k = 0; k < AssignedCount; k++)
            if (values[k].Load >= 0) holders[count++] = (assigned[k], values[k].Load);
        return holders;
    }

    /// <summary>The steps that are not zero: the induction variables.</summary>
    public static (int Local, int Step)[] Inductions((int Local, int Step)[] steps)
    {
        var count = 0;
        foreach (var step in steps)
            if (step.Step != 0) count++;
        var inductions = new (int Local, int Step)[count];
        count = 0;
        foreach (var step in steps)
            if (step.Step != 0) inductions[count++] = step;
        return inductions;
    }

    /// <summary>Whether <paramref name="sum"/> reads none of <paramref name="holders"/> (bytes are no constant step).</summary>
    public static bool ReadsNoByte(Affine sum, (int Local, int Load)[] holders)
    {
        foreach (var (local, _) in holders)
            if (sum.Reads(local)) return false;
        return true;
    }

    /// <summary>
    /// The counter a <c>br_if</c> on <paramref name="condition"/> tests (the condition itself, or for an
    /// inequality of two sums their difference) and its step per iteration; false unless it is a sum that
    /// reads no loaded byte and moves by +1 or -1.
    /// </summary>
    public static bool TryCounter(Symbol condition, (int Local, int Step)[] steps, (int Local, int Load)[] holders,
        out Affine counter, out int step)
    {
        var sum = condition.IsComparison
            ? !condition.Equal && condition.Left!.Sum is { } left && condition.Right!.Sum is { } right ? Affine.Combine(left, right, -1) : null
            : condition.Sum;
        counter = sum ?? Affine.Zero;
        step = sum?.StrideWith(steps) ?? 0;
        return sum is not null && ReadsNoByte(sum, holders) && step is 1 or -1;
    }
}
