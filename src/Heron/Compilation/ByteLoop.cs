using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using static Heron.Compilation.LoopSymbols;

namespace Heron.Compilation;

/// <summary>
/// A loop that copies or fills memory one byte per iteration, recognised so that it can run as one bulk
/// copy or fill (see <see cref="FunctionCompiler.TryByteLoop"/>). C libraries built without the bulk-memory
/// proposal carry such loops as their <c>memcpy</c>, <c>memmove</c> and <c>memset</c> (LLVM cannot turn
/// the loop that implements <c>memcpy</c> into a call of <c>memcpy</c>); sightglass sqlite3 spends a fifth of
/// its run in three of them, 40-120 bytes a call.
/// <para>
/// The body is read symbolically, once (<see cref="LoopSymbols"/>). A loop matches when its body is
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

    /// <summary>The locals that receive the loaded byte each iteration (they end with the last).</summary>
    public int[] LoadedLocals { get; private init; } = [];

    /// <summary>
    /// The byte loop that <paramref name="loop"/> starts (a <c>loop</c> instruction whose body begins at
    /// <paramref name="bodyStart"/>, in a function whose locals have <paramref name="localTypes"/>; the code ends
    /// at <paramref name="end"/>), or null when the loop is anything else.
    /// </summary>
    public static ByteLoop? Match(WasmModule module, in Instruction loop, int bodyStart, int end, ValueType[] localTypes)
    {
        if (!loop.Block.IsEmpty) return null;
        var reader = new InstructionReader(module.Bytes, bodyStart, end);
        var body = new LoopSymbols(module, localTypes);
        Symbol? condition = null;
        for (int count = 0; ; count++)
        {
            if (count > MaxInstructions || reader.AtEnd) return null;
            var instruction = reader.Read();
            if (condition is not null)
            {
                // The br_if must be the body's last instruction.
                if (instruction.Opcode != Opcode.End || body.Depth != 0) return null;
                break;
            }
            if (instruction.Opcode == Opcode.BrIf)
            {
                if (instruction.Index != 0 || body.Depth != 1) return null;
                condition = body.Pop();
            }
            else if (!body.Step(in instruction)) return null;
        }

        if (body.Store is not { } store || body.LoadCount > 1) return null;
        // A load is only worth its place in the pattern as the stored byte.
        var copying = store.Stored.Load == 0;
        // (A stored value is never a comparison: LoopSymbols refuses it. So a fill stores a sum.)
        if (body.LoadCount == 1 != copying) return null;

        // Every assigned local steps by a constant or receives the loaded byte.
        if (body.Steps() is not { } steps) return null;
        var holders = body.ByteHolders();

        var stride = store.Address.StrideWith(steps);
        if (stride is not (1 or -1) || !ReadsNoByte(store.Address, holders)) return null;
        ByteLoad? load = copying ? body.LoadAt(0) : null;
        if (load is { } l && (l.Address.StrideWith(steps) != stride || !ReadsNoByte(l.Address, holders))) return null;
        var fill = copying ? null : store.Stored.Sum!;
        if (fill is not null && (fill.StrideWith(steps) != 0 || !ReadsNoByte(fill, holders))) return null;

        if (!TryCounter(condition, steps, holders, out var counter, out var counterStep)) return null;

        var loaded = new int[holders.Length];
        for (int k = 0; k < loaded.Length; k++) loaded[k] = holders[k].Local;
        return new ByteLoop
        {
            End = reader.Position,
            LoadOffset = load?.At ?? -1,
            StoreOffset = store.At,
            Stride = stride,
            Destination = store.Address,
            DestinationMemory = store.Memory,
            DestinationOffset = store.Offset,
            Source = load?.Address,
            SourceMemory = load?.Memory ?? 0,
            SourceOffset = load?.Offset ?? 0,
            SignedLoad = load?.Signed ?? false,
            FillValue = fill,
            Counter = counter,
            CounterStep = counterStep,
            Inductions = LoopSymbols.Inductions(steps),
            LoadedLocals = loaded,
        };
    }
}
