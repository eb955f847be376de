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

    /// <summary>Each assigned local with what it gains per iteration.</summary>
    public IReadOnlyList<(int Local, int Step)> Inductions { get; private init; } = [];

    /// <summary>The local that receives the loaded byte each iteration, or -1.</summary>
    public int LoadedLocal { get; private init; } = -1;

    /// <summary>
    /// An integer sum over the locals' values at the start of an iteration: <c>Σ coefficient·local + Constant</c>.
    /// </summary>
    public sealed class Affine
    {
        public static readonly Affine Zero = new(new Dictionary<int, int>(), 0);

        public Affine(Dictionary<int, int> terms, int constant)
        {
            Terms = terms;
            Constant = constant;
        }

        public IReadOnlyDictionary<int, int> Terms { get; }
        public int Constant { get; }

        public static Affine Of(int local) => new(new Dictionary<int, int> { [local] = 1 }, 0);

        public static Affine Combine(Affine a, Affine b, int sign)
        {
            var terms = new Dictionary<int, int>(a.Terms);
            foreach (var (local, coefficient) in b.Terms)
            {
                var sum = (terms.TryGetValue(local, out var c) ? c : 0) + sign * coefficient;
                if (sum == 0) terms.Remove(local);
                else terms[local] = sum;
            }
            return new Affine(terms, unchecked(a.Constant + sign * b.Constant));
        }

        /// <summary>How much the sum gains per iteration, given each local's step (0: not assigned).</summary>
        public int StrideWith(IReadOnlyDictionary<int, int> steps)
        {
            var stride = 0;
            foreach (var (local, coefficient) in Terms)
                stride = unchecked(stride + coefficient * (steps.TryGetValue(local, out var step) ? step : 0));
            return stride;
        }

        /// <summary>Whether this is exactly <paramref name="local"/> plus a constant.</summary>
        public bool IsStepOf(int local) => Terms.Count == 1 && Terms.TryGetValue(local, out var c) && c == 1;
    }

    /// <summary>A value of the symbolic reading: an affine sum, the loaded byte, or an inequality of two sums.</summary>
    private readonly record struct Value(Affine? Sum, bool Loaded = false, Affine? Left = null, Affine? Right = null)
    {
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
        var stack = new List<Value>();
        var current = new Dictionary<int, Value>();
        Affine? storeAddress = null, loadAddress = null, fill = null;
        int storeMemory = 0, loadMemory = 0, loadOffset = -1, storeOffset = -1;
        ulong storeStatic = 0, loadStatic = 0;
        bool signed = false, loadStored = false;
        Value? condition = null;

        Value Get(int local) => current.TryGetValue(local, out var v) ? v : new Value(Affine.Of(local));

        for (int count = 0; ; count++)
        {
            if (count > MaxInstructions || reader.AtEnd) return null;
            var instruction = reader.Read();
            if (condition is not null)
            {
                // The br_if must be the body's last instruction.
                if (instruction.Opcode != Opcode.End || stack.Count != 0) return null;
                break;
            }
            switch (instruction.Opcode)
            {
                case Opcode.Nop:
                    break;
                case Opcode.LocalGet:
                    if (localTypes[instruction.Index] != ValueType.I32) return null;
                    stack.Add(Get((int)instruction.Index));
                    break;
                case Opcode.LocalSet or Opcode.LocalTee:
                {
                    if (stack.Count == 0 || localTypes[instruction.Index] != ValueType.I32) return null;
                    var value = stack[^1];
                    if (value.IsInequality) return null;
                    current[(int)instruction.Index] = value;
                    if (instruction.Opcode == Opcode.LocalSet) stack.RemoveAt(stack.Count - 1);
                    break;
                }
                case Opcode.I32Const:
                    stack.Add(new Value(new Affine(new Dictionary<int, int>(), (int)instruction.Value)));
                    break;
                case Opcode.I32Add or Opcode.I32Sub or Opcode.I32Ne:
                {
                    if (stack.Count < 2) return null;
                    Value left = stack[^2], right = stack[^1];
                    stack.RemoveRange(stack.Count - 2, 2);
                    if (left.Sum is null || right.Sum is null) return null;
                    stack.Add(instruction.Opcode == Opcode.I32Ne
                        ? new Value(null, Left: left.Sum, Right: right.Sum)
                        : new Value(Affine.Combine(left.Sum, right.Sum, instruction.Opcode == Opcode.I32Add ? 1 : -1)));
                    break;
                }
                case Opcode.I32Load8U or Opcode.I32Load8S:
                {
                    if (loadAddress is not null || stack.Count == 0 || stack[^1].Sum is not { } address) return null;
                    if (module.MemoryTypeOf((int)instruction.Index).Is64) return null;
                    loadAddress = address;
                    loadMemory = (int)instruction.Index;
                    loadStatic = instruction.MemoryOffset;
                    loadOffset = instruction.Offset;
                    signed = instruction.Opcode == Opcode.I32Load8S;
                    stack[^1] = new Value(null, Loaded: true);
                    break;
                }
                case Opcode.I32Store8:
                {
                    if (storeAddress is not null || stack.Count < 2) return null;
                    Value address = stack[^2], value = stack[^1];
                    stack.RemoveRange(stack.Count - 2, 2);
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
                    if (instruction.Index != 0 || stack.Count != 1) return null;
                    condition = stack[0];
                    stack.Clear();
                    break;
                default:
                    return null;
            }
        }

        if (storeAddress is null || condition is null) return null;
        // A load is only worth its place in the pattern as the stored byte.
        if (loadAddress is not null && !loadStored) return null;

        // Every assigned local steps by a constant or receives the loaded byte.
        var steps = new Dictionary<int, int>();
        var inductions = new List<(int, int)>();
        var loadedLocal = -1;
        foreach (var (local, value) in current)
        {
            if (value.Loaded)
            {
                if (loadedLocal >= 0) return null;
                loadedLocal = local;
            }
            else if (value.Sum is { } sum && sum.IsStepOf(local))
            {
                steps[local] = sum.Constant;
                if (sum.Constant != 0) inductions.Add((local, sum.Constant));
            }
            else return null;
        }

        // Every sum the loop's meaning depends on may only read induction variables and locals it never assigns.
        bool ReadsOnlySteppedOrFixed(Affine sum)
        {
            foreach (var local in sum.Terms.Keys)
                if (local == loadedLocal) return false;
            return true;
        }

        var stride = storeAddress.StrideWith(steps);
        if (stride is not (1 or -1) || !ReadsOnlySteppedOrFixed(storeAddress)) return null;
        if (loadAddress is not null && (loadAddress.StrideWith(steps) != stride || !ReadsOnlySteppedOrFixed(loadAddress))) return null;
        if (fill is not null && (fill.StrideWith(steps) != 0 || !ReadsOnlySteppedOrFixed(fill))) return null;

        var counterSum = condition.Value.IsInequality
            ? Affine.Combine(condition.Value.Left!, condition.Value.Right!, -1)
            : condition.Value.Sum;
        if (counterSum is null || !ReadsOnlySteppedOrFixed(counterSum)) return null;
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
