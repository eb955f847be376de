using System.Reflection.Emit;
using Heron.Binary;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Byte loops (see <see cref="ByteLoop"/>): a recognised loop is compiled as one call of
/// <see cref="ByteLoops"/>, then the assignments the iterations would have left in the locals.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Recognise byte loops (tests turn it off to compare the loops' own code).</summary>
    public bool RecogniseByteLoops { get; init; } = true;

    /// <summary>
    /// Compiles the loop <paramref name="loop"/> (its body starting at <paramref name="bodyStart"/>) as a bulk
    /// copy or fill when it is a byte loop, returning the offset after its <c>end</c>; -1 when it is not one,
    /// or when fuel or epoch checks must count its iterations.
    /// </summary>
    private int TryByteLoop(in Instruction loop, int bodyStart, int end)
    {
        if (!RecogniseByteLoops || Interrupts is not null || !Reachable) return -1;
        if (ByteLoop.Match(Module, in loop, bodyStart, end, LocalTypes) is not { } found) return -1;

        // The iteration count: the counter, read after the first iteration's body, reaches zero after
        // counter+1 iterations going down and 1-counter going up (0 stands for 2^32).
        var count = IL.Rent(typeof(int));
        EmitSum(found.Counter);
        if (found.CounterStep < 0)
        {
            IL.Int32(1);
            IL.Emit(OpCodes.Add);
        }
        else
        {
            IL.Emit(OpCodes.Neg);
            IL.Int32(1);
            IL.Emit(OpCodes.Add);
        }
        IL.StoreLocal(count);

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
        var done = IL.DefineLabel();
        IL.LoadLocal(result);
        IL.Int32(0);
        IL.Emit(OpCodes.Bge, done);
        if (found.LoadOffset >= 0)
        {
            var storeTrap = IL.DefineLabel();
            IL.LoadLocal(result);
            IL.Int32(ByteLoops.LoadTrapped);
            IL.Emit(OpCodes.Bne_Un, storeTrap);
            Offsets?.Mark(IL.Generator.ILOffset, found.LoadOffset);
            IL.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBoundsTrap)));
            IL.Emit(OpCodes.Throw);
            IL.Mark(storeTrap);
        }
        Offsets?.Mark(IL.Generator.ILOffset, found.StoreOffset);
        IL.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBoundsTrap)));
        IL.Emit(OpCodes.Throw);
        IL.Mark(done);

        // What the iterations leave in the locals: each induction variable has gained its step per
        // iteration (i32 arithmetic wraps, so 2^32 iterations, a count of 0, gain nothing), and the
        // local that received each loaded byte holds the last.
        foreach (var (local, step) in found.Inductions)
        {
            LoadWasmLocal(local);
            IL.LoadLocal(count);
            if (step != 1)
            {
                IL.Int32(step);
                IL.Emit(OpCodes.Mul);
            }
            IL.Emit(OpCodes.Add);
            StoreWasmLocal(local);
            Checked.Assign(local, AddressSource.Unknown);
            Stack.Forget(local);
        }
        if (found.LoadedLocal >= 0)
        {
            IL.LoadLocal(result);
            if (found.SignedLoad) IL.Emit(OpCodes.Conv_I1);
            StoreWasmLocal(found.LoadedLocal);
            Checked.Assign(found.LoadedLocal, AddressSource.Unknown);
            Stack.Forget(found.LoadedLocal);
        }
        IL.Return(result);
        IL.Return(count);
        return found.End;
    }

    /// <summary>Pushes <paramref name="sum"/> evaluated over the locals' current values (i32, wrapping).</summary>
    private void EmitSum(ByteLoop.Affine sum)
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
