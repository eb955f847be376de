using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Blocks, branches, calls and the parametric instructions. A branch target's CIL stack holds the
/// operands below the block plus the values the branch carries; a branch with extra operands in
/// between spills the carried values, pops the extras and reloads them. Multi-value blocks and
/// branches therefore need no locals of their own.
/// </summary>
internal static class ControlEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        switch (instruction.Opcode)
        {
            case Opcode.Nop:
                return true;
            case Opcode.Unreachable:
                il.Call(RuntimeMembers.Trap(nameof(TrapHelpers.UnreachableTrap)));
                il.Emit(OpCodes.Throw);
                EndUnconditional(c);
                return true;
            case Opcode.Block:
            case Opcode.Loop:
            {
                var parameters = c.BlockParams(instruction.Block);
                var frame = new ControlFrame
                {
                    Kind = instruction.Opcode,
                    Params = parameters,
                    Results = c.BlockResults(instruction.Block),
                    Height = c.Stack.Count - parameters.Length,
                    Label = il.DefineLabel(),
                };
                if (instruction.Opcode == Opcode.Loop)
                {
                    il.Mark(frame.Label);
                    // A loop's parameters are also what each branch back to it carries: their sources
                    // at entry do not hold for the later iterations.
                    c.Stack.ForgetTop(parameters.Length);
                }
                c.Control.Add(frame);
                return true;
            }
            case Opcode.If:
            {
                c.Pop();
                var parameters = c.BlockParams(instruction.Block);
                var frame = new ControlFrame
                {
                    Kind = Opcode.If,
                    Params = parameters,
                    Results = c.BlockResults(instruction.Block),
                    Height = c.Stack.Count - parameters.Length,
                    Label = il.DefineLabel(),
                    Else = il.DefineLabel(),
                };
                il.Emit(OpCodes.Brfalse, frame.Else);
                c.Control.Add(frame);
                return true;
            }
            case Opcode.Else:
            {
                var frame = c.Control[^1];
                if (c.Reachable)
                {
                    il.Emit(OpCodes.Br, frame.Label);
                    frame.LabelUsed = true;
                }
                frame.HasElse = true;
                il.Mark(frame.Else);
                c.SetHeight(frame.Height);
                c.Stack.AddRange(frame.Params);
                c.Reachable = true;
                return true;
            }
            case Opcode.End:
                End(c);
                return true;
            case Opcode.Br:
                Branch(c, c.Control[^(1 + (int)instruction.Index)], conditional: false);
                EndUnconditional(c);
                return true;
            case Opcode.BrIf:
                c.Pop();
                Branch(c, c.Control[^(1 + (int)instruction.Index)], conditional: true);
                return true;
            case Opcode.BrTable:
                if (!ValueSwitch.TryEmit(c, in instruction)) BrTable(c, instruction.Labels!);
                return true;
            case Opcode.Return:
                Return(c);
                EndUnconditional(c);
                return true;
            case Opcode.Call:
                CallEmitter.Call(c, (int)instruction.Index);
                return true;
            case Opcode.CallIndirect:
                CallEmitter.CallIndirect(c, (int)instruction.Index, (int)instruction.Index2);
                return true;
            case Opcode.Drop:
                il.Emit(OpCodes.Pop);
                c.Pop();
                return true;
            case Opcode.Select:
            case Opcode.SelectTyped:
                Select(c);
                return true;
            default:
                return false;
        }
    }

    public static void EndUnconditional(FunctionCompiler c)
    {
        c.Reachable = false;
        c.SetHeight(c.Control[^1].Height);
    }

    private static void End(FunctionCompiler c)
    {
        var il = c.IL;
        var frame = c.Control[^1];
        if (frame.IsFunction)
        {
            if (c.Reachable) Return(c);
            c.Control.RemoveAt(c.Control.Count - 1);
            return;
        }
        if (frame.Kind == Opcode.Try) LegacyTryEmitter.End(c, frame);
        else if (frame.Try is not null) ExceptionEmitter.EndTryTable(c, frame);
        Finish(c, frame);
    }

    /// <summary>Closes the innermost block, <paramref name="frame"/>: its end label, and its results on the stack.</summary>
    public static void Finish(FunctionCompiler c, ControlFrame frame)
    {
        var il = c.IL;
        if (frame.Kind == Opcode.If && !frame.HasElse)
        {
            // The missing else arm passes the parameters through as results.
            if (c.Reachable)
            {
                il.Emit(OpCodes.Br, frame.Label);
                frame.LabelUsed = true;
            }
            il.Mark(frame.Else);
            c.Reachable = true;
        }
        if (frame.Kind != Opcode.Loop && frame.LabelUsed)
        {
            il.Mark(frame.Label);
            c.Reachable = true;
        }
        c.SetHeight(frame.Height);
        c.Stack.AddRange(frame.Results);
        c.Control.RemoveAt(c.Control.Count - 1);
    }

    /// <summary>An unconditional branch to <paramref name="target"/> (the code after it is the caller's to mark unreachable).</summary>
    public static void BranchTo(FunctionCompiler c, ControlFrame target) => Branch(c, target, conditional: false);

    /// <summary>A branch to <paramref name="target"/>; a conditional one consumed its condition already (it is on the CIL stack).</summary>
    public static void Branch(FunctionCompiler c, ControlFrame target, bool conditional)
    {
        var il = c.IL;
        if (c.LeavesTry(target))
        {
            ExceptionEmitter.Leave(c, target, conditional);
            return;
        }
        var carried = target.BranchTypes.Length;
        var extra = c.Stack.Count - carried - target.Height;
        if (!target.IsFunction && extra == 0)
        {
            il.Emit(conditional ? OpCodes.Brtrue : OpCodes.Br, target.Label);
            target.LabelUsed = true;
            return;
        }
        Label skip = default;
        if (conditional)
        {
            skip = il.DefineLabel();
            il.Emit(OpCodes.Brfalse, skip);
        }
        var saved = c.Stack.Save();
        if (target.IsFunction) Return(c);
        else
        {
            c.DiscardBelow(carried, extra);
            il.Emit(OpCodes.Br, target.Label);
            target.LabelUsed = true;
        }
        c.Stack.Restore(saved);
        if (conditional) il.Mark(skip);
    }

    private static void BrTable(FunctionCompiler c, int[] labels)
    {
        var il = c.IL;
        c.Pop();
        // Stubs by depth: an index into arrays, as a Dictionary<int, Label> is framework generic code over a
        // struct that every start of the tool would JIT-compile.
        var stubIndex = new Dictionary<int, int>();
        var stubDepths = new int[labels.Length];
        var stubLabels = new Label[labels.Length];
        var targets = new Label[labels.Length - 1];
        for (int i = 0; i < targets.Length; i++)
        {
            var depth = labels[i];
            var frame = c.Control[^(1 + depth)];
            if (!frame.IsFunction && c.Stack.Count - frame.BranchTypes.Length == frame.Height && !c.LeavesTry(frame))
            {
                targets[i] = frame.Label;
                frame.LabelUsed = true;
            }
            else
            {
                if (!stubIndex.TryGetValue(depth, out var stub))
                {
                    stubIndex[depth] = stub = stubIndex.Count;
                    stubDepths[stub] = depth;
                    stubLabels[stub] = il.DefineLabel();
                }
                targets[i] = stubLabels[stub];
            }
        }
        if (targets.Length > 0) il.Emit(OpCodes.Switch, targets);
        else il.Emit(OpCodes.Pop); // no table, only the default (a persisted assembly rejects an empty switch)
        Branch(c, c.Control[^(1 + labels[^1])], conditional: false);
        for (int stub = 0; stub < stubIndex.Count; stub++)
        {
            il.Mark(stubLabels[stub]);
            Branch(c, c.Control[^(1 + stubDepths[stub])], conditional: false);
        }
        EndUnconditional(c);
    }

    /// <summary>Returns the function's results from the top of the stack, dropping anything below them. The
    /// tracked operand types are left as they were: code after a <c>return</c> inside a block still needs the
    /// operands below that block, which the discarding above removed only on this path.</summary>
    public static void Return(FunctionCompiler c)
    {
        if (c.OpenTries > 0)
        {
            // ret is not allowed inside a protected region: leave to a return outside it.
            ExceptionEmitter.Leave(c, c.Control[0], conditional: false);
            return;
        }
        var saved = c.Stack.Save();
        EmitReturn(c);
        c.Stack.Restore(saved);
    }

    private static void EmitReturn(FunctionCompiler c)
    {
        if (c.Region is not null)
        {
            c.EmitRegionReturn();
            return;
        }
        var il = c.IL;
        var results = c.Type.Results;
        var n = results.Count;
        c.DiscardBelow(n, c.Stack.Count - n);
        if (n > 1)
        {
            var temps = c.Spill(n - 1);
            for (int k = 1; k < n; k++)
            {
                il.LoadArg(c.ParameterCount + k - 1);
                il.LoadLocal(temps[k - 1]);
                il.Emit(OpCodes.Stobj, CilTypes.Of(results[k]));
                il.Return(temps[k - 1]);
            }
        }
        il.Emit(OpCodes.Ret);
    }

    private static void Select(FunctionCompiler c)
    {
        var il = c.IL;
        c.Pop();
        var type = c.Pop();
        // The result is either operand: the slot is replaced, so it claims neither operand's source.
        c.Pop();
        c.Push(type);
        var condition = il.Rent(typeof(int));
        var second = il.Rent(CilTypes.Of(type));
        var keep = il.DefineLabel();
        il.StoreLocal(condition);
        il.StoreLocal(second);
        il.LoadLocal(condition);
        il.Emit(OpCodes.Brtrue, keep);
        il.Emit(OpCodes.Pop);
        il.LoadLocal(second);
        il.Mark(keep);
        il.Return(condition);
        il.Return(second);
    }
}
