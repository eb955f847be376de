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
        if (InsideHandler(c)) EmitCallAndReturn(c, in instruction);
        else EmitTailCall(c, in instruction);
        ControlEmitter.EndUnconditional(c);
        return true;
    }

    /// <summary>
    /// CIL forbids leaving a protected region with a tail call. A return_call inside a try block becomes a
    /// call and a return (its frame stays until the callee returns).
    /// </summary>
    private static bool InsideHandler(FunctionCompiler c)
    {
        foreach (var frame in c.Control)
            if (frame.Kind is Opcode.Try or Opcode.TryTable) return true;
        return false;
    }

    private static void EmitCallAndReturn(FunctionCompiler c, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.ReturnCall:
                CallEmitter.Call(c, (int)instruction.Index);
                break;
            case Opcode.ReturnCallIndirect:
                CallEmitter.CallIndirect(c, (int)instruction.Index, (int)instruction.Index2);
                break;
            default:
                CallEmitter.CallThrough(c, c.Module.Types[(int)instruction.Index].FunctionType, ReferenceEmitter.PopCallee(c));
                break;
        }
        ControlEmitter.Return(c);
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
                    c.LoadContext();
                    if (c.Lazy is { } lazy)
                    {
                        LazyModuleCompiler.LoadCode(il, lazy.Field, index - module.ImportedFunctionCount);
                        il.Emit(OpCodes.Tailcall);
                        il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
                    }
                    else
                    {
                        il.Emit(OpCodes.Tailcall);
                        il.Call(c.Methods[index - module.ImportedFunctionCount]);
                    }
                    il.Emit(OpCodes.Ret);
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
                il.Int32(c.SignatureIds[typeIndex]);
                il.Call(RuntimeMembers.Of(typeof(TableInstance), nameof(TableInstance.ResolveIndirect)));
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
        var il = c.IL;
        PrepareArguments(c, type);
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionContext);
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionCode);
        il.Return(callee);
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
