using System.Reflection.Emit;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Calls. Functions of the same module are called directly (<c>call</c>), except a function calling itself
/// in untiered code compiled ahead, which calls through its code pointer (see
/// <see cref="FunctionCompiler.SelfCallsThroughCode"/>); imported functions and
/// call_indirect go through the callee's code pointer with <c>calli</c> and the exact lowered signature,
/// passing the callee's own context. call_indirect first checks the table index, null and the canonical
/// signature id in <see cref="TableInstance.ResolveIndirect"/>. Results after the first come back
/// through temporaries passed by reference.
/// </summary>
internal static class CallEmitter
{
    public static void Call(FunctionCompiler c, int functionIndex)
    {
        var il = c.IL;
        var type = c.Module.FunctionTypeOf(functionIndex);
        if (functionIndex >= c.Module.ImportedFunctionCount)
        {
            c.Pop(type.Parameters.Count);
            var outs = PushOutArguments(c, type);
            c.LoadContext();
            if (c.Lazy is { } lazy)
            {
                LazyModuleCompiler.LoadCode(il, lazy.Field, functionIndex - c.Module.ImportedFunctionCount);
                il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
            }
            else if (functionIndex == c.FunctionIndex && c.SelfCallsThroughCode)
            {
                c.LoadContext();
                il.Load(RuntimeMembers.ContextFunctions);
                il.Int32(functionIndex);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Load(RuntimeMembers.FunctionCode);
                il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
            }
            else il.Call(c.Methods[functionIndex - c.Module.ImportedFunctionCount]);
            PushResults(c, type, outs);
            return;
        }
        var callee = il.Rent(typeof(FunctionInstance));
        c.LoadContext();
        il.Load(RuntimeMembers.ContextFunctions);
        il.Int32(functionIndex);
        il.Emit(OpCodes.Ldelem_Ref);
        il.StoreLocal(callee);
        CallThrough(c, type, callee);
    }

    public static void CallIndirect(FunctionCompiler c, int typeIndex, int tableIndex)
    {
        var il = c.IL;
        var type = c.Module.Types[typeIndex].FunctionType;
        c.Pop();
        TableEmitter.LoadTable(c, tableIndex);
        c.LoadSignatureId(typeIndex);
        il.Call(RuntimeMembers.Of(typeof(TableInstance),
            TableEmitter.Is64(c, tableIndex) ? nameof(TableInstance.ResolveIndirect64) : nameof(TableInstance.ResolveIndirect)));
        var callee = il.Rent(typeof(FunctionInstance));
        il.StoreLocal(callee);
        CallThrough(c, type, callee);
    }

    public static void CallThrough(FunctionCompiler c, FunctionType type, LocalBuilder callee)
    {
        var il = c.IL;
        c.Pop(type.Parameters.Count);
        var outs = PushOutArguments(c, type);
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionContext);
        il.LoadLocal(callee);
        il.Load(RuntimeMembers.FunctionCode);
        il.Return(callee);
        il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
        PushResults(c, type, outs);
    }

    private static LocalBuilder[] PushOutArguments(FunctionCompiler c, FunctionType type)
    {
        var n = type.Results.Count;
        if (n < 2) return [];
        var outs = new LocalBuilder[n - 1];
        for (int k = 1; k < n; k++)
        {
            outs[k - 1] = c.IL.Rent(CilTypes.Of(type.Results[k]));
            c.IL.LoadLocalAddress(outs[k - 1]);
        }
        return outs;
    }

    private static void PushResults(FunctionCompiler c, FunctionType type, LocalBuilder[] outs)
    {
        foreach (var result in type.Results) c.Push(result);
        foreach (var temp in outs)
        {
            c.IL.LoadLocal(temp);
            c.IL.Return(temp);
        }
    }
}
