using System.Runtime.Intrinsics;
using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using Heron.Runtime.Gc;

namespace Heron.Runtime;

/// <summary>
/// Evaluates constant expressions (global initialisers, segment offsets, element items) at
/// instantiation: constants, ref.null, ref.func, global.get, and the 3.0 extended integer arithmetic.
/// </summary>
internal static class ConstantEvaluator
{
    public static WasmValue Evaluate(byte[] bytes, ByteRange range, InstanceContext context)
    {
        var reader = new InstructionReader(bytes, range.Start, range.End);
        var stack = new ConstantStack();
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            switch (instruction.Opcode)
            {
                case Opcode.End:
                    return stack.Pop();
                case Opcode.I32Const:
                case Opcode.I64Const:
                case Opcode.F32Const:
                case Opcode.F64Const:
                    stack.Push(new WasmValue(instruction.Value));
                    break;
                case Opcode.V128Const:
                    stack.Push(WasmValue.FromVector(Vector128.Create(instruction.V128Low, instruction.V128High).AsByte()));
                    break;
                case Opcode.RefNull:
                    stack.Push(default);
                    break;
                case Opcode.RefFunc:
                    stack.Push(new WasmValue(0, context.Functions[instruction.Index]));
                    break;
                case Opcode.GlobalGet:
                    stack.Push(WasmValue.LoadFrom(context.Globals[instruction.Index]));
                    break;
                case Opcode.StructNew:
                case Opcode.StructNewDefault:
                case Opcode.ArrayNew:
                case Opcode.ArrayNewDefault:
                case Opcode.ArrayNewFixed:
                case Opcode.RefI31:
                case Opcode.AnyConvertExtern:
                case Opcode.ExternConvertAny:
                    Gc(instruction, stack, context);
                    break;
                case Opcode.I32Add: Binary(stack, (a, b) => (int)a + (int)b); break;
                case Opcode.I32Sub: Binary(stack, (a, b) => (int)a - (int)b); break;
                case Opcode.I32Mul: Binary(stack, (a, b) => (int)a * (int)b); break;
                case Opcode.I64Add: Binary(stack, (a, b) => a + b); break;
                case Opcode.I64Sub: Binary(stack, (a, b) => a - b); break;
                case Opcode.I64Mul: Binary(stack, (a, b) => a * b); break;
                default:
                    throw new WasmException($"constant expression uses {instruction.Info.Name}, which is not constant");
            }
        }
        throw new WasmException("constant expression has no end");
    }

    /// <summary>The GC instructions of constant expressions; the conversions between any and extern keep the value.</summary>
    private static void Gc(in Instruction instruction, ConstantStack stack, InstanceContext context)
    {
        var type = instruction.Opcode is Opcode.AnyConvertExtern or Opcode.ExternConvertAny or Opcode.RefI31 ? null : context.Types[instruction.Index];
        switch (instruction.Opcode)
        {
            case Opcode.StructNew:
            {
                var values = new WasmValue[type!.Fields.Length];
                for (int i = values.Length - 1; i >= 0; i--) values[i] = stack.Pop();
                stack.Push(Reference(GcValues.NewStruct(type, values, context)));
                break;
            }
            case Opcode.StructNewDefault:
                stack.Push(Reference(StructAccess.New(type!, context)));
                break;
            case Opcode.ArrayNew:
            {
                var length = (int)stack.Pop().Bits;
                stack.Push(Reference(GcValues.NewArray(type!, length, stack.Pop(), context)));
                break;
            }
            case Opcode.ArrayNewDefault:
                stack.Push(Reference(GcValues.NewArray(type!, (int)stack.Pop().Bits, default, context)));
                break;
            case Opcode.ArrayNewFixed:
            {
                var values = new WasmValue[instruction.Index2];
                for (int i = values.Length - 1; i >= 0; i--) values[i] = stack.Pop();
                stack.Push(Reference(GcValues.NewArray(type!, values, context)));
                break;
            }
            case Opcode.RefI31:
                stack.Push(Reference(I31Ref.Of((int)stack.Pop().Bits)));
                break;
        }
    }

    private static WasmValue Reference(object value) => new(0, value);

    private static void Binary(ConstantStack stack, Func<long, long, long> operation)
    {
        var b = stack.Pop();
        var a = stack.Pop();
        stack.Push(new WasmValue(operation(a.Bits, b.Bits)));
    }
}
