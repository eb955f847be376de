using System.Reflection.Emit;
using Heron.Binary;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Byte loops (see <see cref="ByteLoop"/> and <see cref="ByteCompareLoop"/>): a recognised loop is compiled as
/// one call of <see cref="ByteLoops"/>, then the assignments the iterations would have left in the locals
/// (and, for a compare loop, its branch out).
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Recognise byte loops (tests turn it off to compare the loops' own code).</summary>
    public bool RecogniseByteLoops { get; init; } = true;

    /// <summary>
    /// Compiles the loop <paramref name="loop"/> (its body starting at <paramref name="bodyStart"/>) as a bulk
    /// copy, fill or comparison when it is a byte loop, returning the offset after its <c>end</c>; -1 when it
    /// is not one, or when fuel or epoch checks must count its iterations.
    /// </summary>
    private int TryByteLoop(in Instruction loop, int bodyStart, int end)
    {
        if (!RecogniseByteLoops || Interrupts is not null || !Reachable) return -1;
        if (ByteLoop.Match(Module, in loop, bodyStart, end, LocalTypes) is { } found)
        {
            EmitByteLoop(found);
            return found.End;
        }
        if (ByteCompareLoop.Match(Module, in loop, bodyStart, end, LocalTypes) is { } compare)
        {
            EmitCompareLoop(compare);
            return compare.End;
        }
        return -1;
    }

    /// <summary>
    /// The iteration count of a loop that goes on while <paramref name="counter"/> (read after an iteration's
    /// body, moving by <paramref name="step"/>) is not zero: counter+1 going down, 1-counter going up (0 stands
    /// for 2^32), in a rented local.
    /// </summary>
    private LocalBuilder EmitIterationCount(LoopSymbols.Affine counter, int step)
    {
        var count = IL.Rent(typeof(int));
        EmitSum(counter);
        if (step > 0) IL.Emit(OpCodes.Neg);
        IL.Int32(1);
        IL.Emit(OpCodes.Add);
        IL.StoreLocal(count);
        return count;
    }

    /// <summary>
    /// Traps at the place of the access that failed when <paramref name="result"/> (an int or a long) is
    /// negative: <see cref="ByteLoops.FirstAccessTrapped"/> at <paramref name="firstOffset"/>, else at <paramref name="secondOffset"/>.
    /// </summary>
    private void EmitByteLoopTraps(LocalBuilder result, bool wide, int firstOffset, int secondOffset)
    {
        var done = IL.DefineLabel();
        IL.LoadLocal(result);
        if (wide) IL.Int64(0);
        else IL.Int32(0);
        IL.Emit(OpCodes.Bge, done);
        if (firstOffset >= 0)
        {
            var second = IL.DefineLabel();
            IL.LoadLocal(result);
            if (wide) IL.Int64(ByteLoops.FirstAccessTrapped);
            else IL.Int32(ByteLoops.FirstAccessTrapped);
            IL.Emit(OpCodes.Bne_Un, second);
            Offsets?.Mark(IL.Generator.ILOffset, firstOffset);
            IL.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBoundsTrap)));
            IL.Emit(OpCodes.Throw);
            IL.Mark(second);
        }
        Offsets?.Mark(IL.Generator.ILOffset, secondOffset);
        IL.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBoundsTrap)));
        IL.Emit(OpCodes.Throw);
        IL.Mark(done);
    }

    /// <summary>Each induction variable gains its step times the iterations in <paramref name="iterations"/> (i32, wrapping).</summary>
    private void EmitInductions((int Local, int Step)[] inductions, LocalBuilder iterations)
    {
        foreach (var (local, step) in inductions)
        {
            LoadWasmLocal(local);
            IL.LoadLocal(iterations);
            if (step != 1)
            {
                IL.Int32(step);
                IL.Emit(OpCodes.Mul);
            }
            IL.Emit(OpCodes.Add);
            StoreWasmLocal(local);
            Forget(local);
        }
    }

    /// <summary>What the bounds-check bookkeeping knew of <paramref name="local"/> no longer holds.</summary>
    private void Forget(int local)
    {
        Checked.Assign(local, AddressSource.Unknown);
        Stack.Forget(local);
    }

    private void EmitByteLoop(ByteLoop found)
    {
        var count = EmitIterationCount(found.Counter, found.CounterStep);
        EmitSum(found.Destination);
        if (found.Source is { } source)
        {
            EmitSum(source);
            IL.LoadLocal(count);
            IL.Int32(found.Stride);
            IL.Int64((long)found.DestinationOffset);
            IL.Int64((long)found.SourceOffset);
            IL.LoadLocal(MemoryLocals[found.DestinationMemory]);
            IL.LoadLocal(MemoryLocals[found.SourceMemory]);
            IL.Call(RuntimeMembers.Of(typeof(ByteLoops), nameof(ByteLoops.Copy)));
        }
        else
        {
            EmitSum(found.FillValue!);
            IL.LoadLocal(count);
            IL.Int32(found.Stride);
            IL.Int64((long)found.DestinationOffset);
            IL.LoadLocal(MemoryLocals[found.DestinationMemory]);
            IL.Call(RuntimeMembers.Of(typeof(ByteLoops), nameof(ByteLoops.Fill)));
        }

        var result = IL.Rent(typeof(int));
        IL.StoreLocal(result);
        EmitByteLoopTraps(result, wide: false, found.LoadOffset, found.StoreOffset);

        // What the iterations leave in the locals: each induction variable has gained its step per
        // iteration (i32 arithmetic wraps, so 2^32 iterations, a count of 0, gain nothing), and the
        // locals that received each loaded byte hold the last.
        EmitInductions(found.Inductions, count);
        foreach (var local in found.LoadedLocals)
        {
            IL.LoadLocal(result);
            if (found.SignedLoad) IL.Emit(OpCodes.Conv_I1);
            StoreWasmLocal(local);
            Forget(local);
        }
        IL.Return(result);
        IL.Return(count);
    }

    /// <summary>
    /// A compare loop: one search for the first difference, then the locals as the iterations leave them,
    /// then the branch out when the count ran out (a difference falls out of the loop's end).
    /// </summary>
    private void EmitCompareLoop(ByteCompareLoop found)
    {
        var count = EmitIterationCount(found.Counter, found.CounterStep);
        EmitSum(found.First.Address);
        EmitSum(found.Second.Address);
        IL.LoadLocal(count);
        IL.Int64((long)found.First.Offset);
        IL.Int64((long)found.Second.Offset);
        IL.LoadLocal(MemoryLocals[found.First.Memory]);
        IL.LoadLocal(MemoryLocals[found.Second.Memory]);
        IL.Call(RuntimeMembers.Of(typeof(ByteLoops), nameof(ByteLoops.Mismatch)));
        var result = IL.Rent(typeof(long));
        IL.StoreLocal(result);
        EmitByteLoopTraps(result, wide: true, found.First.At, found.Second.At);

        // The iterations that went round: the index it stopped at (its low 32 bits: 2^32 wraps to 0).
        var iterations = IL.Rent(typeof(int));
        IL.LoadLocal(result);
        IL.Emit(OpCodes.Conv_I4);
        IL.StoreLocal(iterations);
        EmitInductions(found.Inductions, iterations);
        foreach (var (local, load) in found.ByteHolders)
        {
            IL.LoadLocal(result);
            IL.Int32(40 + 8 * load);
            IL.Emit(OpCodes.Shr_Un);
            IL.Emit(OpCodes.Conv_U1);
            if ((load == 0 ? found.First : found.Second).Signed) IL.Emit(OpCodes.Conv_I1);
            StoreWasmLocal(local);
            Forget(local);
        }
        IL.LoadLocal(result);
        IL.Int64(ByteLoops.RanOut);
        IL.Emit(OpCodes.And);
        IL.Int64(0);
        IL.Emit(OpCodes.Cgt_Un);
        IL.Return(result);
        IL.Return(iterations);
        IL.Return(count);
        var target = Control.Count - 1 - found.ExitDepth;
        Checked.Branch(found.ExitDepth);
        ControlEmitter.Branch(this, Control[target], conditional: true);
    }

    /// <summary>Pushes <paramref name="sum"/> evaluated over the locals' current values (i32, wrapping).</summary>
    private void EmitSum(LoopSymbols.Affine sum)
    {
        IL.Int32(sum.Constant);
        for (int k = 0; k < sum.Locals.Length; k++)
        {
            var coefficient = sum.Coefficients[k];
            LoadWasmLocal(sum.Locals[k]);
            if (coefficient is not (1 or -1))
            {
                IL.Int32(coefficient);
                IL.Emit(OpCodes.Mul);
            }
            IL.Emit(coefficient == -1 ? OpCodes.Sub : OpCodes.Add);
        }
    }
}
