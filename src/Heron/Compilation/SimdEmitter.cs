using System.Reflection;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Compiles the 0xFD-prefixed (SIMD and relaxed SIMD) instructions. Every one becomes a call to a
/// small static helper in Runtime/Simd*.cs, named as its <see cref="Opcode"/>, which the JIT inlines
/// into the Vector128 operations; the IL stays one call per instruction plus its immediates:
/// v128.const passes its sixteen bytes as two i64 constants, i8x16.shuffle two precomputed masks, lane instructions pass
/// the lane as an i32 constant, and memory instructions pass the host address after the same bounds
/// check as scalar loads and stores. Stack effects come from the opcode table.
/// </summary>
internal static class SimdEmitter
{
    /// <summary>The helper of each sub-opcode after the 0xFD prefix, found once by name.</summary>
    private static readonly HelperTable Helpers = new(0xFD,
        typeof(SimdLanes), typeof(SimdBitwise), typeof(SimdComparisons), typeof(SimdIntegerArithmetic),
        typeof(SimdFloatArithmetic), typeof(SimdConversions), typeof(SimdMemory), typeof(SimdRelaxed));

    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var info = instruction.Info;
        if (info.Prefix != 0xFD) return false;
        var helper = Helpers.For(info);
        if (helper == null || info.Operands == null || info.Results == null)
            throw new WasmException($"the instruction {info.Name} is not supported by the compiler yet");

        var il = c.IL;
        if (info.Immediate is not (ImmediateKind.MemArg or ImmediateKind.MemArgLane)
            && SimdIntrinsics.TryEmit(il, in instruction))
        {
            c.Pop(info.Operands.Length);
            foreach (var result in info.Results) c.Push(result);
            return true;
        }
        switch (info.Immediate)
        {
            case ImmediateKind.V128:
                il.Int64((long)instruction.V128Low);
                il.Int64((long)instruction.V128High);
                break;
            case ImmediateKind.Shuffle:
                EmitShuffleMasks(il, instruction.V128Low, instruction.V128High);
                break;
            case ImmediateKind.Lane:
                il.Int32((int)instruction.Index);
                break;
            case ImmediateKind.MemArg:
            case ImmediateKind.MemArgLane:
                EmitAddress(c, in instruction, info.Operands.Length);
                break;
        }
        // Whole-vector loads and stores are the commonest SIMD instructions and are plain IL: the
        // helper call would be inlined only while the JIT's inline budget lasts, which big functions
        // exhaust (blake3-simd's f16 kept 151 calls to them).
        if (instruction.Opcode == Opcode.V128Load)
        {
            il.Emit(System.Reflection.Emit.OpCodes.Unaligned, (byte)1);
            il.Emit(System.Reflection.Emit.OpCodes.Ldobj, typeof(System.Runtime.Intrinsics.Vector128<byte>));
        }
        else if (instruction.Opcode == Opcode.V128Store)
        {
            il.Emit(System.Reflection.Emit.OpCodes.Unaligned, (byte)1);
            il.Emit(System.Reflection.Emit.OpCodes.Stobj, typeof(System.Runtime.Intrinsics.Vector128<byte>));
        }
        else if (!SimdIntrinsics.TryEmitMemory(il, in instruction)) il.Call(helper);
        c.Pop(info.Operands.Length);
        foreach (var result in info.Results) c.Push(result);
        return true;
    }

    /// <summary>
    /// [i32 address, v128?] to [host address, v128?, lane?]: the vector operand of stores and lane
    /// loads is set aside while the address is checked and computed.
    /// </summary>
    private static void EmitAddress(FunctionCompiler c, in Instruction instruction, int operands)
    {
        var il = c.IL;
        var source = c.Stack.SourceAt(operands - 1); // a vector operand may be above the address
        var vector = operands == 2 ? il.Rent(CilTypes.Of(ValueType.V128)) : null;
        if (vector != null) il.StoreLocal(vector);
        MemoryEmitter.EffectiveAddress(c, instruction, source);
        if (vector != null)
        {
            il.LoadLocal(vector);
            il.Return(vector);
        }
        if (instruction.Info.Immediate == ImmediateKind.MemArgLane) il.Int32((int)instruction.Index2);
    }

    /// <summary>
    /// The shuffle's lane indices (0..31, validated) as two pshufb masks of two i64 halves each: one for
    /// the lanes taken from the first operand, one for those from the second, 0x80 (select zero) elsewhere.
    /// </summary>
    private static void EmitShuffleMasks(CilWriter il, ulong low, ulong high)
    {
        Span<byte> indices = stackalloc byte[16];
        BitConverter.TryWriteBytes(indices, low);
        BitConverter.TryWriteBytes(indices[8..], high);
        Span<byte> fromA = stackalloc byte[16];
        Span<byte> fromB = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            var index = indices[i];
            fromA[i] = index < 16 ? index : (byte)0x80;
            fromB[i] = index >= 16 ? (byte)(index - 16) : (byte)0x80;
        }
        il.Int64(BitConverter.ToInt64(fromA));
        il.Int64(BitConverter.ToInt64(fromA[8..]));
        il.Int64(BitConverter.ToInt64(fromB));
        il.Int64(BitConverter.ToInt64(fromB[8..]));
    }
}
