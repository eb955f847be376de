using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>Table and reference instructions; the work is in <see cref="TableInstance"/> helpers that take the table last.</summary>
internal static class TableEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var index = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.TableGet:
                c.Pop();
                LoadTable(c, index);
                il.Call(Helper(Is64(c, index) ? nameof(TableInstance.Get64) : nameof(TableInstance.Get)));
                c.Push(c.Module.TableTypeOf(index).ElementType);
                return true;
            case Opcode.TableSet:
                c.Pop(2);
                LoadTable(c, index);
                il.Call(Helper(Is64(c, index) ? nameof(TableInstance.Set64) : nameof(TableInstance.Set)));
                return true;
            case Opcode.TableSize:
                LoadTable(c, index);
                il.Call(Helper(Is64(c, index) ? nameof(TableInstance.SizeFromWasm64) : nameof(TableInstance.SizeFromWasm)));
                c.Push(Is64(c, index) ? ValueType.I64 : ValueType.I32);
                return true;
            case Opcode.TableGrow:
                c.Pop(2);
                LoadTable(c, index);
                il.Call(Helper(Is64(c, index) ? nameof(TableInstance.GrowFromWasm64) : nameof(TableInstance.GrowFromWasm)));
                c.Push(Is64(c, index) ? ValueType.I64 : ValueType.I32);
                return true;
            case Opcode.TableFill:
                c.Pop(3);
                LoadTable(c, index);
                il.Call(Helper(Is64(c, index) ? nameof(TableInstance.Fill64) : nameof(TableInstance.Fill)));
                return true;
            case Opcode.TableCopy:
            {
                bool destination64 = Is64(c, index), source64 = Is64(c, (int)instruction.Index2);
                if (destination64 != source64) MemoryEmitter.WidenOperands(c, 3);
                c.Pop(3);
                LoadTable(c, index);
                LoadTable(c, (int)instruction.Index2);
                il.Call(Helper(destination64 || source64 ? nameof(TableInstance.Copy64) : nameof(TableInstance.Copy)));
                return true;
            }
            case Opcode.TableInit:
                // Immediates: element segment, then table.
                c.Pop(3);
                c.LoadContext();
                il.Int32(index);
                il.Int32((int)instruction.Index2);
                il.Call(RuntimeMembers.Of(typeof(InstanceContext),
                    Is64(c, (int)instruction.Index2) ? nameof(InstanceContext.TableInit64) : nameof(InstanceContext.TableInit)));
                return true;
            case Opcode.ElemDrop:
                c.LoadContext();
                il.Int32(index);
                il.Call(RuntimeMembers.Of(typeof(InstanceContext), nameof(InstanceContext.ElemDrop)));
                return true;
            case Opcode.RefNull:
                il.Emit(OpCodes.Ldnull);
                c.Push(ValueType.Ref(instruction.Heap, nullable: true));
                return true;
            case Opcode.RefIsNull:
                c.Pop();
                il.Emit(OpCodes.Ldnull);
                il.Emit(OpCodes.Ceq);
                c.Push(ValueType.I32);
                return true;
            case Opcode.RefFunc:
                c.LoadContext();
                il.Load(RuntimeMembers.ContextFunctions);
                il.Int32(index);
                il.Emit(OpCodes.Ldelem_Ref);
                c.Push(ValueType.Ref(HeapType.Func, nullable: false));
                return true;
            default:
                return false;
        }
    }

    public static bool Is64(FunctionCompiler c, int table) => c.Module.TableTypeOf(table).Is64;

    public static void LoadTable(FunctionCompiler c, int index)
    {
        c.LoadContext();
        if (index == 0) c.IL.Load(RuntimeMembers.ContextTable0);
        else
        {
            c.IL.Load(RuntimeMembers.ContextTables);
            c.IL.Int32(index);
            c.IL.Emit(OpCodes.Ldelem_Ref);
        }
    }

    private static System.Reflection.MethodInfo Helper(string name) => RuntimeMembers.Of(typeof(TableInstance), name);
}
