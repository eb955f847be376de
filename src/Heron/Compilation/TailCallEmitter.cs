using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// <c>return_call</c>, <c>return_call_indirect</c> and <c>return_call_ref</c> as CIL <c>tail.</c> calls:
/// the operands below the arguments are dropped, the callee's extra results go through the caller's own
/// result pointers (validation made the callee's results match the caller's, so the lowered result types
/// are the same), and <c>tail. call; ret</c> replaces the caller's frame. No pointer into the caller's
/// frame is passed, as <c>tail.</c> requires. The callee's prologue makes the stack and interrupt checks;
/// the fuel of the caller's last block is charged and stored before the call (<see cref="InterruptEmitter"/>).
/// </summary>
internal static class TailCallEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.ReturnCall:
            case Opcode.ReturnCallIndirect:
            case Opcode.ReturnCallRef:
                break;
            default:
                return false;
        }
        if (InsideHandler(c)) EmitTailCallOutsideRegions(c, in instruction);
        else EmitTailCall(c, in instruction);
        ControlEmitter.EndUnconditional(c);
        return true;
    }

    /// <summary>
    /// CIL forbids a tail call inside a protected region, and a try_table or try around a return_call must not see
    /// what the callee throws: the caller's frame, handlers included, is gone once the call starts. So such a
    /// return_call resolves its callee where it stands (its traps are raised there), keeps the arguments in
    /// locals of its own, leaves every region, and makes the tail call from a block after the body.
    /// </summary>
    private static bool InsideHandler(FunctionCompiler c)
    {
        foreach (var frame in c.Control)
            if (frame.Try is not null) return true;
        return false;
    }

    private static void EmitTailCallOutsideRegions(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var module = c.Module;
        FunctionType type;
        int direct = -1;
        LocalBuilder? callee = null;
        switch (instruction.Opcode)
        {
            case Opcode.ReturnCall:
            {
                var index = (int)instruction.Index;
                type = module.FunctionTypeOf(index);
                if (index >= module.ImportedFunctionCount) direct = index;
                else
                {
                    callee = il.DeclareLocal(typeof(FunctionInstance));
                    c.LoadContext();
                    il.Load(RuntimeMembers.ContextFunctions);
                    il.Int32(index);
                    il.Emit(OpCodes.Ldelem_Ref);
                    il.StoreLocal(callee);
                }
                break;
            }
            case Opcode.ReturnCallIndirect:
            {
                var typeIndex = (int)instruction.Index;
                var tableIndex = (int)instruction.Index2;
                type = module.Types[typeIndex].FunctionType;
                c.Pop();
                TableEmitter.LoadTable(c, tableIndex);
                c.LoadSignatureId(typeIndex);
                il.Call(RuntimeMembers.Of(typeof(TableInstance),
                    TableEmitter.Is64(c, tableIndex) ? nameof(TableInstance.ResolveIndirect64) : nameof(TableInstance.ResolveIndirect)));
                callee = il.DeclareLocal(typeof(FunctionInstance));
                il.StoreLocal(callee);
                break;
            }
            default:
            {
                type = module.Types[(int)instruction.Index].FunctionType;
                var popped = ReferenceEmitter.PopCallee(c);
                callee = il.DeclareLocal(typeof(FunctionInstance));
                il.LoadLocal(popped);
                il.StoreLocal(callee);
                il.Return(popped);
                break;
            }
        }
        // Locals of the site's own (not rented): nothing may reuse them before the deferred block reads them.
        var arguments = new LocalBuilder[type.Parameters.Count];
        for (int i = arguments.Length - 1; i >= 0; i--)
        {
            arguments[i] = il.DeclareLocal(CilTypes.Of(c.Stack[c.Stack.Count - arguments.Length + i]));
            il.StoreLocal(arguments[i]);
        }
        c.Pop(arguments.Length);
        var outside = il.DefineLabel();
        il.Emit(OpCodes.Leave, outside);
        c.AfterBody.Add(() =>
        {
            il.Mark(outside);
            foreach (var argument in arguments) il.LoadLocal(argument);
            for (int k = 1; k < type.Results.Count; k++) il.LoadArg(c.ParameterCount + k - 1);
            if (callee == null) EmitDirectTail(c, direct);
            else EmitTailThrough(c, type, callee);
        });
    }

    private static void EmitTailCall(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var module = c.Module;
        switch (instruction.Opcode)
        {
            case Opcode.ReturnCall:
            {
                var index = (int)instruction.Index;
                var type = module.FunctionTypeOf(index);
                if (index >= module.ImportedFunctionCount)
                {
                    PrepareArguments(c, type);
                    EmitDirectTail(c, index);
                    return;
                }
                var callee = il.Rent(typeof(FunctionInstance));
                c.LoadContext();
                il.Load(RuntimeMembers.ContextFunctions);
                il.Int32(index);
                il.Emit(OpCodes.Ldelem_Ref);
                il.StoreLocal(callee);
                TailCallThrough(c, type, callee);
                return;
            }
            case Opcode.ReturnCallIndirect:
            {
                var typeIndex = (int)instruction.Index;
                c.Pop();
                TableEmitter.LoadTable(c, (int)instruction.Index2);
                c.LoadSignatureId(typeIndex);
                var tableIndex = (int)instruction.Index2;
                il.Call(RuntimeMembers.Of(typeof(TableInstance),
                    TableEmitter.Is64(c, tableIndex) ? nameof(TableInstance.ResolveIndirect64) : nameof(TableInstance.ResolveIndirect)));
                var callee = il.Rent(typeof(FunctionInstance));
                il.StoreLocal(callee);
                TailCallThrough(c, module.Types[typeIndex].FunctionType, callee);
                return;
            }
            default:
                TailCallThrough(c, module.Types[(int)instruction.Index].FunctionType, ReferenceEmitter.PopCallee(c));
                return;
        }
    }

    private static void TailCallThrough(FunctionCompiler c, FunctionType type, LocalBuilder callee)
    {
        PrepareArguments(c, type);
        EmitTailThrough(c, type, callee);
        c.IL.Return(callee);
    }

    /// <summary>With the arguments and result pointers on the stack: the tail call of defined function <paramref name="index"/>.</summary>
    private static void EmitDirectTail(FunctionCompiler c, int index)
    {
        c.LoadContext();
        if (c.Lazy is { } lazy)
        {
            // Compiled lazily: the callee's code comes from the module's table (compiled now if need be).
            var type = c.Module.FunctionTypeOf(index);
            LazyModuleCompiler.LoadCode(c.IL, lazy.Field, index - c.Module.ImportedFunctionCount);
            c.IL.Emit(OpCodes.Tailcall);
            c.IL.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
        }
        else
        {
            c.IL.Emit(OpCodes.Tailcall);
            c.IL.Call(c.Methods[index - c.Module.ImportedFunctionCount]);
        }
        c.IL.Emit(OpCodes.Ret);
    }

    /// <summary>With the arguments and result pointers on the stack: the tail call through <paramref name="callee"/>.</summary>
    private static void EmitTailThrough(FunctionCompiler c, FunctionType type, LocalBuilder callee)
    {
        var il = c.IL;
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionContext);
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionCode);
        il.Emit(OpCodes.Tailcall);
        il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// Leaves exactly the callee's arguments on the CIL stack (a tail call requires an otherwise empty
    /// stack), then the caller's own result pointers for the results after the first.
    /// </summary>
    private static void PrepareArguments(FunctionCompiler c, FunctionType type)
    {
        var arguments = type.Parameters.Count;
        var saved = c.Stack.Save();
        c.DiscardBelow(arguments, c.Stack.Count - arguments);
        c.Stack.Restore(saved);
        for (int k = 1; k < type.Results.Count; k++) c.IL.LoadArg(c.ParameterCount + k - 1);
    }
}
