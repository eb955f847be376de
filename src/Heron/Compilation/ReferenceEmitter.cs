using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// The typed function reference instructions: <c>call_ref</c> (a call through the reference's code
/// pointer, as call_indirect without a table or a signature check: validation proved the type),
/// <c>ref.as_non_null</c>, <c>br_on_null</c> and <c>br_on_non_null</c>. A null test is a
/// <c>dup; brtrue</c> on the reference itself.
/// </summary>
internal static class ReferenceEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.CallRef:
                CallRef(c, (int)instruction.Index);
                return true;
            case Opcode.RefAsNonNull:
                AsNonNull(c);
                return true;
            case Opcode.BrOnNull:
                BrOnNull(c, c.Control[^(1 + (int)instruction.Index)]);
                return true;
            case Opcode.BrOnNonNull:
                BrOnNonNull(c, c.Control[^(1 + (int)instruction.Index)]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Pops the function reference on top of the stack into a rented local, trapping on null.</summary>
    public static LocalBuilder PopCallee(FunctionCompiler c)
    {
        c.Pop();
        c.IL.Call(RuntimeMembers.Of(typeof(ReferenceHelpers), nameof(ReferenceHelpers.Callee)));
        var callee = c.IL.Rent(typeof(FunctionInstance));
        c.IL.StoreLocal(callee);
        return callee;
    }

    private static void CallRef(FunctionCompiler c, int typeIndex)
    {
        var callee = PopCallee(c);
        CallEmitter.CallThrough(c, c.Module.Types[typeIndex].FunctionType, callee);
    }

    private static void AsNonNull(FunctionCompiler c)
    {
        var il = c.IL;
        var ok = il.DefineLabel();
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Brtrue, ok);
        il.Call(RuntimeMembers.Of(typeof(ReferenceHelpers), nameof(ReferenceHelpers.NullReferenceTrap)));
        il.Emit(OpCodes.Throw);
        il.Mark(ok);
        var type = c.Pop();
        c.Push(ValueType.Ref(type.Heap, nullable: false));
    }

    /// <summary>Null: drop it and branch with the operands below; otherwise go on with the reference.</summary>
    private static void BrOnNull(FunctionCompiler c, ControlFrame target)
    {
        var il = c.IL;
        var notNull = il.DefineLabel();
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Brtrue, notNull);
        il.Emit(OpCodes.Pop);
        var type = c.Pop();
        ControlEmitter.Branch(c, target, conditional: false);
        il.Mark(notNull);
        c.Push(ValueType.Ref(type.Heap, nullable: false));
    }

    /// <summary>Not null: branch carrying it; otherwise drop it and go on.</summary>
    private static void BrOnNonNull(FunctionCompiler c, ControlFrame target)
    {
        var il = c.IL;
        var isNull = il.DefineLabel();
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Brfalse, isNull);
        ControlEmitter.Branch(c, target, conditional: false);
        il.Mark(isNull);
        il.Emit(OpCodes.Pop);
        c.Pop();
    }
}
