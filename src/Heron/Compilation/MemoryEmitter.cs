using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Loads, stores and the memory instructions. An access zero-extends the address to 64 bits, adds
/// <c>offset + size</c> (which cannot overflow) and checks it against the memory's current length with
/// one overflow-checked add, so the hot path is one add and one branch to a shared throw block.
/// </summary>
internal static class MemoryEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var memory = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.I32Load: Load(c, instruction, OpCodes.Ldind_I4, ValueType.I32); return true;
            case Opcode.I64Load: Load(c, instruction, OpCodes.Ldind_I8, ValueType.I64); return true;
            case Opcode.F32Load: Load(c, instruction, OpCodes.Ldind_R4, ValueType.F32); return true;
            case Opcode.F64Load: Load(c, instruction, OpCodes.Ldind_R8, ValueType.F64); return true;
            case Opcode.I32Load8S: Load(c, instruction, OpCodes.Ldind_I1, ValueType.I32); return true;
            case Opcode.I32Load8U: Load(c, instruction, OpCodes.Ldind_U1, ValueType.I32); return true;
            case Opcode.I32Load16S: Load(c, instruction, OpCodes.Ldind_I2, ValueType.I32); return true;
            case Opcode.I32Load16U: Load(c, instruction, OpCodes.Ldind_U2, ValueType.I32); return true;
            case Opcode.I64Load8S: Load(c, instruction, OpCodes.Ldind_I1, ValueType.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64Load8U: Load(c, instruction, OpCodes.Ldind_U1, ValueType.I64, OpCodes.Conv_U8); return true;
            case Opcode.I64Load16S: Load(c, instruction, OpCodes.Ldind_I2, ValueType.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64Load16U: Load(c, instruction, OpCodes.Ldind_U2, ValueType.I64, OpCodes.Conv_U8); return true;
            case Opcode.I64Load32S: Load(c, instruction, OpCodes.Ldind_I4, ValueType.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64Load32U: Load(c, instruction, OpCodes.Ldind_U4, ValueType.I64, OpCodes.Conv_U8); return true;
            case Opcode.I32Store: Store(c, instruction, OpCodes.Stind_I4); return true;
            case Opcode.I64Store: Store(c, instruction, OpCodes.Stind_I8); return true;
            case Opcode.F32Store: Store(c, instruction, OpCodes.Stind_R4); return true;
            case Opcode.F64Store: Store(c, instruction, OpCodes.Stind_R8); return true;
            case Opcode.I32Store8: Store(c, instruction, OpCodes.Stind_I1); return true;
            case Opcode.I32Store16: Store(c, instruction, OpCodes.Stind_I2); return true;
            case Opcode.I64Store8: Store(c, instruction, OpCodes.Stind_I1, narrow: true); return true;
            case Opcode.I64Store16: Store(c, instruction, OpCodes.Stind_I2, narrow: true); return true;
            case Opcode.I64Store32: Store(c, instruction, OpCodes.Stind_I4, narrow: true); return true;
            case Opcode.MemorySize:
                il.LoadLocal(c.MemoryLocals[memory]);
                if (Is64(c, memory)) Size64(c);
                else
                {
                    il.Call(Helper(nameof(LinearMemory.SizeFromWasm)));
                    c.Push(ValueType.I32);
                }
                return true;
            case Opcode.MemoryGrow:
                // The result (the old size, or -1) replaces the delta: a new slot, of no known source.
                c.Pop();
                il.LoadLocal(c.MemoryLocals[memory]);
                var wide = Is64(c, memory);
                il.Call(Helper(wide ? nameof(LinearMemory.GrowFromWasm64) : nameof(LinearMemory.GrowFromWasm)));
                c.Push(wide ? ValueType.I64 : ValueType.I32);
                return true;
            case Opcode.MemoryFill:
                c.Pop(3);
                il.LoadLocal(c.MemoryLocals[memory]);
                il.Call(Helper(Is64(c, memory) ? nameof(LinearMemory.Fill64) : nameof(LinearMemory.Fill)));
                return true;
            case Opcode.MemoryCopy:
            {
                var source = (int)instruction.Index2;
                bool destination64 = Is64(c, memory), source64 = Is64(c, source);
                // Operands: destination (its memory's address type), source (its own), count (the narrower).
                if (destination64 != source64) WidenOperands(c, 3);
                c.Pop(3);
                il.LoadLocal(c.MemoryLocals[memory]);
                il.LoadLocal(c.MemoryLocals[source]);
                il.Call(Helper(destination64 || source64 ? nameof(LinearMemory.CopyBetween64) : nameof(LinearMemory.CopyBetween)));
                return true;
            }
            case Opcode.MemoryInit:
                // Immediates: data segment, then memory.
                c.Pop(3);
                c.LoadContext();
                il.Int32(memory);
                il.Int32((int)instruction.Index2);
                il.Call(RuntimeMembers.Of(typeof(InstanceContext),
                    Is64(c, (int)instruction.Index2) ? nameof(InstanceContext.MemoryInit64) : nameof(InstanceContext.MemoryInit)));
                return true;
            case Opcode.DataDrop:
                c.LoadContext();
                il.Int32(memory);
                il.Call(RuntimeMembers.Of(typeof(InstanceContext), nameof(InstanceContext.DataDrop)));
                return true;
            default:
                return false;
        }
    }

    private static bool Is64(FunctionCompiler c, int memory) => c.Module.MemoryTypeOf(memory).Is64;

    private static void Size64(FunctionCompiler c)
    {
        c.IL.Call(Helper(nameof(LinearMemory.SizeFromWasm64)));
        c.Push(ValueType.I64);
    }

    /// <summary>
    /// Rewrites the top <paramref name="count"/> operands as i64, zero-extending the i32 ones, for a helper
    /// that takes every address and count as u64 (mixed 32- and 64-bit operands of one instruction).
    /// </summary>
    internal static void WidenOperands(FunctionCompiler c, int count)
    {
        var temps = c.Spill(count);
        for (int i = 0; i < count; i++)
        {
            var type = c.Stack[c.Stack.Count - count + i];
            c.IL.LoadLocal(temps[i]);
            c.IL.Return(temps[i]);
            if (type == ValueType.I32) c.IL.Emit(OpCodes.Conv_U8);
        }
        var widened = new ValueType[count];
        Array.Fill(widened, ValueType.I64);
        c.Pop(count);
        foreach (var type in widened) c.Push(type);
    }

    private static void Load(FunctionCompiler c, in Instruction instruction, OpCode load, ValueType result, OpCode? extend = null)
    {
        var source = c.Stack.SourceAt(0);
        c.Pop();
        EffectiveAddress(c, instruction, source);
        if (instruction.Info.AccessSize > 1) c.IL.Emit(OpCodes.Unaligned, (byte)1);
        c.IL.Emit(load);
        if (extend is { } conversion) c.IL.Emit(conversion);
        c.Push(result);
    }

    private static void Store(FunctionCompiler c, in Instruction instruction, OpCode store, bool narrow = false)
    {
        var il = c.IL;
        var source = c.Stack.SourceAt(1); // the value is above the address
        var valueType = c.Pop();
        c.Pop();
        if (c.Previous is Opcode.I32Const or Opcode.I64Const)
        {
            // A constant is dropped and pushed again after the address, not kept in a temporary: code the
            // JIT compiles without optimisation (a function over its limits) would store and reload it.
            // Such stores are what initialises C++ objects and Rust structs.
            il.Emit(OpCodes.Pop);
            EffectiveAddress(c, instruction, source);
            if (c.Previous == Opcode.I32Const) il.Int32((int)c.PreviousConstant);
            else il.Int64(c.PreviousConstant);
        }
        else
        {
            var value = il.Rent(CilTypes.Of(valueType));
            il.StoreLocal(value);
            EffectiveAddress(c, instruction, source);
            il.LoadLocal(value);
            il.Return(value);
        }
        if (narrow) il.Emit(OpCodes.Conv_U4);
        if (instruction.Info.AccessSize > 1) il.Emit(OpCodes.Unaligned, (byte)1);
        il.Emit(store);
    }

    /// <summary>
    /// [i32 address] to [native pointer], trapping when the access does not fit in the memory;
    /// <paramref name="source"/> tells which local (plus a displacement) the address is, when known: the
    /// earlier checks through that local may make this one unnecessary.
    /// </summary>
    internal static void EffectiveAddress(FunctionCompiler c, in Instruction instruction, AddressSource source)
    {
        var il = c.IL;
        var memory = (int)instruction.Index;
        if (Is64(c, memory))
        {
            EffectiveAddress64(c, instruction);
            return;
        }
        if (instruction.MemoryOffset > uint.MaxValue)
        {
            // No 32-bit memory reaches this far; trapping here also keeps the sum below from wrapping.
            il.Emit(OpCodes.Pop);
            il.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBounds)));
            il.Int32(0);
            il.Emit(OpCodes.Conv_U);
            return;
        }
        // The check: address (as u64) + offset + size, add.ovf.un the complement of the length (kept by the
        // memory): it overflows exactly when the access ends past the length. One JIT node jumping to the
        // method's shared overflow-throw block: unlike a compare and branch in CIL it splits no basic block,
        // spills no operands into JIT temporaries and adds no call (docs/performance.md, entry 8). The
        // entries turn the OverflowException into the trap (MemoryFault).
        var end = instruction.MemoryOffset + (ulong)instruction.Info.AccessSize;
        // A fact about the same local (see CheckedAddresses) may cover the access. A constant address
        // (a C or Rust static) that ends within the memory's declared minimum needs no check at all: no
        // memory is ever smaller than its type's minimum, imported ones included.
        var covered = source.IsKnown
            ? c.Checked.Covers(memory, source.Local, source.Displacement, end)
            : source.IsConstant && source.Displacement + end <= MinimumBytes(c, memory);
        // An address the body bounds (AddressBounds: masks, narrow loads, loop conditions) whose largest
        // value ends within the minimum needs none either.
        if (!covered && c.Bounds is { } bounds && bounds.TryGetMaximum(instruction.Offset, out var max))
            covered = max + end <= MinimumBytes(c, memory);
        if (!covered)
        {
            // The address again, for the check: read once more from its local when it came from one
            // (the JIT shares the two reads), else duplicated (which costs the JIT a temporary).
            if (source.IsKnown)
            {
                c.LoadWasmLocal(source.Local);
                if (source.Displacement != 0)
                {
                    il.Int32((int)source.Displacement);
                    il.Emit(OpCodes.Add);
                }
                il.Emit(OpCodes.Conv_U8);
            }
            else
            {
                il.Emit(OpCodes.Conv_U8);
                il.Emit(OpCodes.Dup);
            }
            il.Emit(OpCodes.Ldc_I8, (long)end);
            il.Emit(OpCodes.Add);
            il.LoadLocal(c.MemoryLocals[memory]);
            il.Load(RuntimeMembers.MemoryLengthComplement);
            il.Emit(OpCodes.Add_Ovf_Un);
            il.Emit(OpCodes.Pop);
            if (source.IsKnown) c.Checked.Learn(memory, source.Local, source.Displacement, end);
        }
        // The pointer: the address zero-extended to a native integer (a no-op after the dup path's
        // conv.u8), plus the offset, plus the base.
        il.Emit(OpCodes.Conv_U);
        if (instruction.MemoryOffset is > 0 and <= int.MaxValue)
        {
            il.Int32((int)instruction.MemoryOffset); // native int + int32: the offset is below 2^31
            il.Emit(OpCodes.Add);
        }
        else if (instruction.MemoryOffset != 0)
        {
            il.Int64((long)instruction.MemoryOffset);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Add);
        }
        il.LoadLocal(c.MemoryBaseLocals[memory]);
        il.Emit(OpCodes.Add);
    }

    /// <summary>The bytes every instance of memory <paramref name="memory"/> has at least (its type's minimum, in its own pages).</summary>
    private static ulong MinimumBytes(FunctionCompiler c, int memory)
    {
        var type = c.Module.MemoryTypeOf(memory);
        return (ulong)LinearMemory.ByteCount(type.Limits.Minimum, type.PageSizeLog2);
    }

    /// <summary>
    /// [i64 address] to [native pointer] for a 64-bit memory. Here <c>address + offset + size</c> may wrap,
    /// so the sum is not formed: the check adds the address, overflow-checked, to
    /// <c>~Length + end</c>, which overflows exactly when <c>address + end &gt; Length</c> (as long as
    /// <c>~Length + end</c> itself does not overflow, that is when <c>end &lt;= Length</c>). When the access
    /// ends within the memory's declared minimum, <c>end &lt;= Length</c> always holds and the check is one
    /// add and one overflow-checked add (one branch, as in 32 bits); otherwise <c>~Length + end</c> is
    /// overflow-checked too (it overflows, and traps, exactly when no address fits). No bounds facts are used
    /// or learnt: they are about 32-bit addresses. The base is read from the memory at each access, as a
    /// 64-bit memory may move when it grows past its reservation.
    /// </summary>
    internal static void EffectiveAddress64(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var memory = (int)instruction.Index;
        var offset = instruction.MemoryOffset;
        var size = (ulong)instruction.Info.AccessSize;
        if (offset > LinearMemory.MaxBytes64)
        {
            // No memory reaches this far (and offset + size cannot wrap below).
            il.Emit(OpCodes.Pop);
            il.Call(RuntimeMembers.Trap(nameof(TrapHelpers.MemoryOutOfBounds)));
            il.Int32(0);
            il.Emit(OpCodes.Conv_U);
            return;
        }
        var end = offset + size;
        il.Emit(OpCodes.Dup);
        il.LoadLocal(c.MemoryLocals[memory]);
        il.Load(RuntimeMembers.MemoryLengthComplement);
        il.Emit(OpCodes.Ldc_I8, (long)end);
        il.Emit(end <= MinimumBytes(c, memory) ? OpCodes.Add : OpCodes.Add_Ovf_Un);
        il.Emit(OpCodes.Add_Ovf_Un);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Conv_U);
        if (offset != 0)
        {
            il.Int64((long)offset);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Add);
        }
        il.LoadLocal(c.MemoryLocals[memory]);
        il.Load(RuntimeMembers.MemoryBase);
        il.Emit(OpCodes.Add);
    }

    private static System.Reflection.MethodInfo Helper(string name) => RuntimeMembers.Of(typeof(LinearMemory), name);
}
