using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// A loop that copies or fills memory one byte per iteration, recognised so that it can run as one bulk
/// copy or fill (see <see cref="FunctionCompiler.TryByteLoop"/>). C libraries built without the bulk-memory
/// proposal carry such loops as their <c>memcpy</c>, <c>memmove</c> and <c>memset</c> (LLVM cannot turn
/// the loop that implements <c>memcpy</c> into a call of <c>memcpy</c>); sightglass sqlite3 spends a fifth of
/// its run in three of them, 40-120 bytes a call.
/// <para>
/// The body is read symbolically, once: every value is an affine sum of the locals' values at the start
/// of an iteration plus a constant, or the byte the one load reads. A loop matches when its body is
/// straight-line code of local accesses, i32 constants, adds and subtracts, at most one byte load and
/// exactly one byte store, and ends in a <c>br_if</c> to itself whose condition is a counter or an
/// inequality that moves by one each iteration; every local it assigns either steps by a constant (an
/// induction variable) or receives the loaded byte; the store's and the load's addresses move by the same
/// step of +1 or -1. The iteration count then follows from the locals' values at entry, and so do the
/// locals' values after the loop.
/// </para>
/// </summary>
internal sealed class ByteLoop
{
    /// <summary>Module offset just after the loop's <c>end</c>: where compilation resumes.</summary>
    public int End { get; private init; }

    /// <summary>Module offsets of the load (-1 when filling) and of the store, for the trap's location.</summary>
    public int LoadOffset { get; private init; } = -1;
    public int StoreOffset { get; private init; }

    /// <summary>+1 when the addresses rise each iteration, -1 when they fall.</summary>
    public int Stride { get; private init; }

    /// <summary>The store's address in the first iteration (before its static offset), its memory and offset.</summary>
    public Affine Destination { get; private init; } = Affine.Zero;
    public int DestinationMemory { get; private init; }
    public ulong DestinationOffset { get; private init; }

    /// <summary>Copying: the load's address in the first iteration, its memory and offset; null when filling.</summary>
    public Affine? Source { get; private init; }
    public int SourceMemory { get; private init; }
    public ulong SourceOffset { get; private init; }
    public bool SignedLoad { get; private init; }

    /// <summary>Filling: the value stored (its low byte), the same in every iteration.</summary>
    public Affine? FillValue { get; private init; }

    /// <summary>
    /// The loop runs while this is not zero (evaluated after the iteration's body; it moves by
    /// <see cref="CounterStep"/>, +1 or -1, each iteration); its value after the first iteration's body is
    /// <see cref="Counter"/> at entry.
    /// </summary>
    public Affine Counter { get; private init; } = Affine.Zero;
    public int CounterStep { get; private init; }

    /// <summary>Each assigned local with what it gains per iteration (never 0).</summary>
    public (int Local, int Step)[] Inductions { get; private init; } = [];

    /// <summary>The local that receives the loaded byte each iteration, or -1.</summary>
    public int LoadedLocal { get; private init; } = -1;

    /// <summary>
    /// An integer sum over the locals' values at the start of an iteration: <c>Σ coefficient·local + Constant</c>.
    /// (Arrays, not dictionaries: the compiler's start path avoids framework generics over its own types,
    /// and a loop body has a handful of locals.)
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

    /// <summary>A value of the symbolic reading: an affine sum, the loaded byte, or an inequality of two sums.</summary>
    private sealed class Value(Affine? sum, bool loaded = false, Affine? left = null, Affine? right = null)
    {
        public static readonly Value Byte = new(null, loaded: true);

        public Affine? Sum { get; } = sum;
        public bool Loaded { get; } = loaded;
        public Affine? Left { get; } = left;
        public Affine? Right { get; } = right;
        public bool IsInequality => Left is not null;
    }

    /// <summary>The longest body looked at: the loops this is for are a dozen or two instructions.</summary>
    private const int MaxInstructions = 40;

    /// <summary>
    /// The byte loop that <paramref name="loop"/> starts (a <c>loop</c> instruction whose body begins at
    /// <paramref name="bodyStart"/>, in a function whose locals have <paramref name="localTypes"/>; the code ends
    /// at <paramref name="end"/>), or null when the loop is anything else.
    /// </summary>
    public static ByteLoop? Match(WasmModule module, in Instruction loop, int bodyStart, int end, ValueType[] localTypes)
    {
        if (!loop.Block.IsEmpty) return null;
        var reader = new InstructionReader(module.Bytes, bodyStart, end);
        // Each instruction pushes at most one value, and assigns at most one local.
        var stack = new Value[MaxInstructions + 1];
        var depth = 0;
        var assigned = new int[MaxInstructions + 1];
        var values = new Value[MaxInstructions + 1];
        var assignedCount = 0;
        Affine? storeAddress = null, loadAddress = null, fill = null;
        int storeMemory = 0, loadMemory = 0, loadOffset = -1, storeOffset = -1;
        ulong storeStatic = 0, loadStatic = 0;
        bool signed = false, loadStored = false;
        Value? condition = null;

        Value Get(int local)
        {
            var at = Array.IndexOf(assigned, local, 0, assignedCount);
            return at >= 0 ? values[at] : new Value(Affine.Of(local));
        }

        void Set(int local, Value value)
        {
            var at = Array.IndexOf(assigned, local, 0, assignedCount);
            if (at < 0)
            {
                at = assignedCount++;
                assigned[at] = local;
            }
            values[at] = value;
        }

        for (int count = 0; ; count++)
        {
            if (count > MaxInstructions || reader.AtEnd) return null;
            var instruction = reader.Read();
            if (condition is not null)
            {
                // The br_if must be the body's last instruction.
                if (instruction.Opcode != Opcode.End || depth != 0) return null;
                break;
            }
            switch (instruction.Opcode)
            {
                case Opcode.Nop:
                    break;
                case Opcode.LocalGet:
                    if (localTypes[instruction.Index] != ValueType.I32) return null;
                    stack[depth++] = Get((int)instruction.Index);
                    break;
                case Opcode.LocalSet or Opcode.LocalTee:
                {
                    if (depth == 0 || localTypes[instruction.Index] != ValueType.I32) return null;
                    var value = stack[depth - 1];
                    if (value.IsInequality) return null;
                    Set((int)instruction.Index, value);
                    if (instruction.Opcode == Opcode.LocalSet) depth--;
                    break;
                }
                case Opcode.I32Const:
                    stack[depth++] = new Value(Affine.OfConstant((int)instruction.Value));
                    break;
                case Opcode.I32Add or Opcode.I32Sub or Opcode.I32Ne:
                {
                    if (depth < 2) return null;
                    Value left = stack[depth - 2], right = stack[depth - 1];
                    depth -= 2;
                    if (left.Sum is null || right.Sum is null) return null;
                    stack[depth++] = instruction.Opcode == Opcode.I32Ne
                        ? new Value(null, left: left.Sum, right: right.Sum)
                        : new Value(Affine.Combine(left.Sum, right.Sum, instruction.Opcode == Opcode.I32Add ? 1 : -1));
                    break;
                }
                case Opcode.I32Load8U or Opcode.I32Load8S:
                {
                    if (loadAddress is not null || depth == 0 || stack[depth - 1].Sum is not { } address) return null;
                    if (module.MemoryTypeOf((int)instruction.Index).Is64) return null;
                    loadAddress = address;
                    loadMemory = (int)instruction.Index;
                    loadStatic = instruction.MemoryOffset;
                    loadOffset = instruction.Offset;
                    signed = instruction.Opcode == Opcode.I32Load8S;
                    stack[depth - 1] = Value.Byte;
                    break;
                }
                case Opcode.I32Store8:
                {
                    if (storeAddress is not null || depth < 2) return null;
                    Value address = stack[depth - 2], value = stack[depth - 1];
                    depth -= 2;
                    if (address.Sum is null || value.IsInequality) return null;
                    if (module.MemoryTypeOf((int)instruction.Index).Is64) return null;
                    storeAddress = address.Sum;
                    storeMemory = (int)instruction.Index;
                    storeStatic = instruction.MemoryOffset;
                    storeOffset = instruction.Offset;
                    if (value.Loaded) loadStored = true;
                    else fill = value.Sum;
                    break;
                }
                case Opcode.BrIf:
                    if (instruction.Index != 0 || depth != 1) return null;
                    condition = stack[0];
                    depth = 0;
                    break;
                default:
                    return null;
            }
        }

        if (storeAddress is null || condition is null) return null;
        // A load is only worth its place in the pattern as the stored byte.
        if (loadAddress is not null && !loadStored) return null;

        // Every assigned local steps by a constant or receives the loaded byte.
        var steps = new (int Local, int Step)[assignedCount];
        var inductionCount = 0;
        var loadedLocal = -1;
        for (int k = 0; k < assignedCount; k++)
        {
            int local = assigned[k];
            var value = values[k];
            steps[k] = (local, 0);
            if (value.Loaded)
            {
                if (loadedLocal >= 0) return null;
                loadedLocal = local;
            }
            else if (value.Sum is { } sum && sum.IsStepOf(local))
            {
                steps[k] = (local, sum.Constant);
                if (sum.Constant != 0) inductionCount++;
            }
            else return null;
        }
        var inductions = new (int Local, int Step)[inductionCount];
        inductionCount = 0;
        foreach (var step in steps)
            if (step.Step != 0) inductions[inductionCount++] = step;

        // No sum the loop's meaning depends on may read the loaded byte (it is not a constant step).
        bool Usable(Affine sum) => loadedLocal < 0 || !sum.Reads(loadedLocal);

        var stride = storeAddress.StrideWith(steps);
        if (stride is not (1 or -1) || !Usable(storeAddress)) return null;
        if (loadAddress is not null && (loadAddress.StrideWith(steps) != stride || !Usable(loadAddress))) return null;
        if (fill is not null && (fill.StrideWith(steps) != 0 || !Usable(fill))) return null;

        var counterSum = condition.IsInequality ? Affine.Combine(condition.Left!, condition.Right!, -1) : condition.Sum;
        if (counterSum is null || !Usable(counterSum)) return null;
        var counterStep = counterSum.StrideWith(steps);
        if (counterStep is not (1 or -1)) return null;

        return new ByteLoop
        {
            End = reader.Position,
            LoadOffset = loadOffset,
            StoreOffset = storeOffset,
            Stride = stride,
            Destination = storeAddress,
            DestinationMemory = storeMemory,
            DestinationOffset = storeStatic,
            Source = loadAddress,
            SourceMemory = loadMemory,
            SourceOffset = loadStatic,
            SignedLoad = signed,
            FillValue = fill,
            Counter = counterSum,
            CounterStep = counterStep,
            Inductions = inductions,
            LoadedLocal = loadedLocal,
        };
    }
}
