using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>local.get/set/tee (CIL arguments and locals) and global.get/set (fields of the global's cell).</summary>
internal static class VariableEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var index = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.LocalGet:
                c.LoadWasmLocal(index);
                c.Push(c.LocalTypes[index]);
                return true;
            case Opcode.LocalSet:
                StoreLocal(c, index);
                c.Pop();
                return true;
            case Opcode.LocalTee:
                // Store, then load back: a dup of a computed value would make the JIT's importer
                // introduce a temporary of its own for every tee (LLVM output is full of them).
                StoreLocal(c, index);
                c.LoadWasmLocal(index);
                return true;
            case Opcode.GlobalGet:
            {
                var type = c.Module.GlobalTypeOf(index).ValueType;
                LoadCell(c, index);
                if (type.Kind == ValueKind.V128) il.Load(RuntimeMembers.GlobalV128Box);
                il.Load(RuntimeMembers.GlobalField(type));
                c.Push(type);
                return true;
            }
            case Opcode.GlobalSet:
            {
                var type = c.Module.GlobalTypeOf(index).ValueType;
                var value = il.Rent(CilTypes.Of(type));
                il.StoreLocal(value);
                LoadCell(c, index);
                if (type.Kind == ValueKind.V128) il.Load(RuntimeMembers.GlobalV128Box);
                il.LoadLocal(value);
                il.Store(RuntimeMembers.GlobalField(type));
                il.Return(value);
                c.Pop();
                return true;
            }
            default:
                return false;
        }
    }

    private static void StoreLocal(FunctionCompiler c, int index) => c.StoreWasmLocal(index);

    private static void LoadCell(FunctionCompiler c, int index)
    {
        if (c.GlobalCellLocals.TryGetValue(index, out var cell))
        {
            c.IL.LoadLocal(cell);
            return;
        }
        c.LoadContext();
        if (index == 0)
        {
            c.IL.Load(RuntimeMembers.ContextGlobal0);
            return;
        }
        c.IL.Load(RuntimeMembers.ContextGlobals);
        c.IL.Int32(index);
        c.IL.Emit(OpCodes.Ldelem_Ref);
    }
}
