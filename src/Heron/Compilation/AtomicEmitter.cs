using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;
using Heron.Runtime.Atomics;

namespace Heron.Compilation;

/// <summary>
/// Compiles the 0xFE-prefixed (threads) instructions. An access checks its alignment first (the
/// "unaligned atomic" trap wins over the bounds trap, as in Wasmtime; for wait and notify an offset that
/// carries the address past the index type traps out of bounds before that, as in Wasmtime too), then its bounds exactly as a plain
/// load or store does (<see cref="MemoryEmitter.EffectiveAddress"/>), then calls the helper of its opcode
/// in <see cref="AtomicHelpers"/> with the host address. Plain loads and stores are untouched: only these
/// instructions pay for atomicity.
/// </summary>
internal static class AtomicEmitter
{
    /// <summary>The helper of each sub-opcode after the 0xFE prefix, found once by name.</summary>
    private static readonly HelperTable Helpers = new(0xFE, typeof(AtomicHelpers));

    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var info = instruction.Info;
        if (info.Prefix != 0xFE) return false;
        var il = c.IL;
        if (instruction.Opcode == Opcode.AtomicFence)
        {
            il.Call(typeof(Interlocked).GetMethod(nameof(Interlocked.MemoryBarrier))!);
            return true;
        }
        var helper = Helpers.For(info) ?? throw new InvalidOperationException($"no helper for {info.Name}");
        var operands = info.Operands!;
        // Set the values aside while the address (below them) is checked and turned into a host address.
        var source = c.Stack.SourceAt(operands.Length - 1);
        var values = c.Spill(operands.Length - 1);
        c.Pop(operands.Length);
        var memory = (int)instruction.Index;
        var is64 = c.Module.MemoryTypeOf(memory).Is64;
        var mask = info.AccessSize - 1;
        var waitOrNotify = instruction.Opcode is Opcode.MemoryAtomicNotify or Opcode.MemoryAtomicWait32 or Opcode.MemoryAtomicWait64;
        if (waitOrNotify && instruction.MemoryOffset != 0)
        {
            // Wasmtime's order for these: an effective address past the index type traps out of bounds first.
            if (is64) il.Int64((long)instruction.MemoryOffset);
            else il.Int32((int)instruction.MemoryOffset);
            il.Call(RuntimeMembers.Of(typeof(AtomicHelpers), is64 ? nameof(AtomicHelpers.IndexFits64) : nameof(AtomicHelpers.IndexFits32)));
        }
        if (mask != 0)
        {
            il.Int32((int)(instruction.MemoryOffset & (ulong)mask));
            il.Int32(mask);
            il.Call(RuntimeMembers.Of(typeof(AtomicHelpers), is64 ? nameof(AtomicHelpers.Aligned64) : nameof(AtomicHelpers.Aligned32)));
        }
        MemoryEmitter.EffectiveAddress(c, instruction, source);
        foreach (var value in values)
        {
            il.LoadLocal(value);
            il.Return(value);
        }
        if (waitOrNotify)
            il.LoadLocal(c.MemoryLocals[memory]);
        il.Call(helper);
        foreach (var result in info.Results!) c.Push(result);
        return true;
    }
}
