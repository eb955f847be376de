using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// A <c>br_table</c> whose cases only give one local a constant, compiled as a lookup in a table of
/// those constants instead of a jump per case. A C <c>switch</c> that maps a value to a constant, when
/// its producer made no lookup table of it, reaches WebAssembly as one block per case nested around the
/// <c>br_table</c>, each block's end followed by <c>i32.const c; local.set x; br $join</c>:
/// <code>
///   block $join  block  block ... (br_table 0 1 2 ... (index))  end  i32.const 7  local.set 2  br $join
///                             end  i32.const 3  local.set 2  br $join  ...  end
/// </code>
/// Compiled case by case, that is one basic block per case; past 2,000 of them the .NET JIT compiles the
/// whole function without optimisation (shootout-switch: 4,096 cases, its loop ran as MinOpts code). As
/// a table it is one bounds clamp, one load and a store, and the cases' code is never reached.
/// Recognised by a look ahead over the bytes after the <c>br_table</c>: every label must be one of the
/// blocks closed there (plain blocks without parameters or results, at the current stack height), each
/// block's end followed by nothing (the case falls into the next one), by a constant set to the local
/// and a branch to the join, or, for the block just inside the join, by a constant set to the local
/// that falls into the join. A label that names the join itself leaves the local as it was, and a label
/// outside the join is an ordinary branch; a small CIL switch over a byte per entry picks those.
/// </summary>
internal static class ValueSwitch
{
    /// <summary>Tables with fewer entries that set a value are left to the jump table (a handful of blocks costs the JIT nothing).</summary>
    private const int MinimumCases = 4;

    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var labels = instruction.Labels!;
        // Fuel is charged per basic block of the cases' code, which the table leaves out.
        if (labels.Length - 1 < MinimumCases || c.Interrupts is not null || c.Data is null) return false;
        var height = c.Stack.Count - 1; // below the index
        if (!Recognise(c, in instruction, height, out var local, out var exit, out var cases)) return false;
        // In an outlined region, the cases' code and the join must lie inside it: the look ahead reads on
        // past the region's end, where the parent compiles the code.
        if (c.Region is { } region && c.Control.Count - 1 - exit < region.Depth) return false;
        return Emit(c, labels, local, exit, cases);
    }

    // Neither [] (Array.Empty) nor a List of long?: the framework's generic code over Nullable<long> is not in
    // the ReadyToRun image and was JIT-compiled at every start of the tool.
    private static readonly long?[] NoCases = new long?[0];

    /// <summary>
    /// Reads the cases' code after the <c>br_table</c>. <paramref name="cases"/>[d] is the constant a branch
    /// to label d gives the local, or null when it leaves the local alone (label <paramref name="exit"/>, the join).
    /// </summary>
    private static bool Recognise(FunctionCompiler c, in Instruction instruction, int height, out int local, out int exit, out long?[] cases)
    {
        local = -1;
        exit = -1;
        cases = NoCases;
        var reader = new InstructionReader(c.Module.Bytes, instruction.Offset, c.Body.Code.End);
        reader.Read(); // the br_table
        if (!Next(ref reader, out var next) || next.Opcode != Opcode.End || !IsPlainBlock(c, 0, height)) return false;
        var found = new List<long>(); // each case's constant (0 where it falls through, never read)
        var fallsThrough = new List<bool>(); // the case's code is empty: it runs the next case's code
        var closed = 1; // the blocks whose ends were read: the code now read follows the end of block closed - 1
        while (exit != closed - 1)
        {
            if (!Next(ref reader, out next)) return false;
            if (next.Opcode == Opcode.End)
            {
                found.Add(0);
                fallsThrough.Add(true);
            }
            else
            {
                if (next.Opcode is not (Opcode.I32Const or Opcode.I64Const)) return false;
                var value = next.Value;
                if (!Next(ref reader, out var set) || set.Opcode != Opcode.LocalSet) return false;
                if (local < 0) local = (int)set.Index;
                else if (local != (int)set.Index) return false;
                if (!Next(ref reader, out var after)) return false;
                int target;
                if (after.Opcode == Opcode.Br)
                {
                    target = closed + (int)after.Index;
                    // Code after the br up to the block's end is dead; only the end itself is accepted.
                    if (!Next(ref reader, out var end) || end.Opcode != Opcode.End) return false;
                }
                else if (after.Opcode == Opcode.End) target = closed; // falls into the end of the next block: the join
                else return false;
                if (exit < 0) exit = target;
                else if (exit != target) return false;
                found.Add(value);
                fallsThrough.Add(false);
            }
            // The instruction just read ended block `closed`.
            if (!IsPlainBlock(c, closed, height)) return false;
            closed++;
        }
        if (local < 0) return false;
        // An empty case gives what the next one gives; the one just inside the join gives nothing.
        cases = new long?[exit];
        for (int d = exit - 1; d >= 0; d--)
            cases[d] = !fallsThrough[d] ? found[d] : d + 1 < exit ? cases[d + 1] : null;
        return true;
    }

    private static bool Next(ref InstructionReader reader, out Instruction instruction)
    {
        instruction = default;
        if (reader.AtEnd) return false;
        instruction = reader.Read();
        return true;
    }

    /// <summary>Whether label <paramref name="depth"/> is a block with no parameters or results, entered at <paramref name="height"/>.</summary>
    private static bool IsPlainBlock(FunctionCompiler c, int depth, int height)
    {
        if (depth >= c.Control.Count - 1) return false; // the function's own frame
        var frame = c.Control[^(1 + depth)];
        return frame.Kind == Opcode.Block && frame.Params.Length == 0 && frame.Results.Length == 0 && frame.Height == height;
    }

    /// <summary>How many labels besides the values the table may send branches to (a small CIL switch picks them).</summary>
    private const int MaximumOtherTargets = 16;

    private static bool Emit(FunctionCompiler c, int[] labels, int local, int exit, long?[] cases)
    {
        var il = c.IL;
        var wide = c.LocalTypes[local].Kind == ValueKind.I64;
        var size = wide ? 8 : 4;
        var count = labels.Length; // the table's entries, the default last
        var values = new byte[count * size];
        // Per entry: 0 when it sets a value, else 1 + the position in `others` of the label it branches to
        // (the join, when the case leaves the local alone, or a label outside the join).
        var kinds = new byte[count];
        var others = new List<int>();
        var valueEntries = 0;
        for (int i = 0; i < count; i++)
        {
            var depth = labels[i];
            if (depth < exit && cases[depth] is { } value)
            {
                if (wide) BitConverter.TryWriteBytes(values.AsSpan(i * 8), value);
                else BitConverter.TryWriteBytes(values.AsSpan(i * 4), (int)value);
                valueEntries++;
                continue;
            }
            var target = depth < exit ? exit : depth;
            var position = others.IndexOf(target);
            if (position < 0)
            {
                if (others.Count == MaximumOtherTargets) return false;
                position = others.Count;
                others.Add(target);
            }
            kinds[i] = (byte)(1 + position);
        }
        // A table of mostly branches saves nothing over the jump table.
        if (valueEntries < MinimumCases) return false;
        if (!BitConverter.IsLittleEndian) return false; // the tables are written in the machine's order

        c.Pop(); // the index
        var join = c.Control[^(1 + exit)];
        var index = il.Rent(typeof(int));
        var inRange = il.DefineLabel();
        il.StoreLocal(index);
        // An index past the table takes the default, the last entry.
        il.LoadLocal(index);
        il.Int32(count - 1);
        il.Emit(OpCodes.Blt_Un, inRange);
        il.Int32(count - 1);
        il.StoreLocal(index);
        il.Mark(inRange);
        var stubs = new Label[others.Count];
        if (others.Count > 0)
        {
            var setValue = il.DefineLabel();
            for (int k = 0; k < stubs.Length; k++) stubs[k] = il.DefineLabel();
            il.Emit(OpCodes.Ldsflda, c.Data!.Define(kinds));
            il.LoadLocal(index);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldind_U1);
            if (stubs.Length == 1) il.Emit(OpCodes.Brtrue, stubs[0]);
            else
            {
                // Values first with a compare of their own: a switch over all kinds is an indirect jump per lookup.
                var kind = il.Rent(typeof(int));
                il.StoreLocal(kind);
                il.LoadLocal(kind);
                il.Emit(OpCodes.Brfalse, setValue);
                il.LoadLocal(kind);
                il.Int32(1);
                il.Emit(OpCodes.Sub);
                il.Emit(OpCodes.Switch, stubs);
                il.Return(kind);
            }
            il.Mark(setValue);
        }
        il.Emit(OpCodes.Ldsflda, c.Data!.Define(values));
        il.LoadLocal(index);
        il.Emit(OpCodes.Conv_U);
        il.Int32(size);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Add);
        il.Emit(wide ? OpCodes.Ldind_I8 : OpCodes.Ldind_I4);
        c.StoreWasmLocal(local);
        il.Return(index);
        il.Emit(OpCodes.Br, join.Label);
        join.LabelUsed = true;
        for (int k = 0; k < stubs.Length; k++)
        {
            il.Mark(stubs[k]);
            ControlEmitter.BranchTo(c, c.Control[^(1 + others[k])]);
        }

        // The local was assigned on the way to the join: what the bounds-check bookkeeping knew of its old
        // value must not reach the join (the branches to the labels are recorded after this, see FunctionCompiler.Track).
        c.Checked.Assign(local, AddressSource.Unknown);
        c.Stack.Forget(local);
        ControlEmitter.EndUnconditional(c);
        return true;
    }
}
