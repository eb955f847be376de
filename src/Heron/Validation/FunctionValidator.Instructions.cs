using Heron.Binary;
using Heron.Instructions;

namespace Heron.Validation;

// The instructions the opcode table leaves to the validator (a null signature): control, variables,
// calls, tables, bulk memory and references. Each has its own typing rule, so this is code, not a table.
internal sealed partial class FunctionValidator
{
    /// <summary>Types one special instruction; true when it ended the body's outermost frame.</summary>
    private bool Special(ref Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
            {
                BlockSignature(instruction, out var parameters, out var results);
                if (instruction.Opcode == Opcode.If) PopExpect(ValueType.I32, instruction);
                else if (instruction.Opcode == Opcode.Loop) traits |= FunctionTraits.Loops;
                PopValues(parameters, instruction);
                PushFrame(instruction.Opcode, parameters, results);
                break;
            }
            case Opcode.Else:
            {
                if (controls.Top.Kind != Opcode.If) throw new DecodeException("else without if", instruction.Offset);
                var frame = PopFrame(instruction);
                controls.Push(frame with { Kind = Opcode.Else, Unreachable = false });
                PushValues(frame.Params);
                break;
            }
            case Opcode.End:
            {
                var frame = PopFrame(instruction);
                // An if without else passes its parameters through the missing branch.
                if (frame.Kind == Opcode.If && !ParamsMatchResults(frame)) throw Fail("type mismatch", instruction);
                if (controls.Count == 0) return true;
                PushValues(frame.Results);
                break;
            }
            case Opcode.Br:
                PopValues(LabelFrame(instruction.Index, instruction).LabelTypes, instruction);
                SetUnreachable();
                break;
            case Opcode.BrIf:
            {
                // Unlike br_table, br_if leaves the label's types (not the popped ones) on the stack.
                var types = LabelFrame(instruction.Index, instruction).LabelTypes;
                PopExpect(ValueType.I32, instruction);
                PopValues(types, instruction);
                PushValues(types);
                break;
            }
            case Opcode.BrTable:
                BrTable(instruction);
                break;
            case Opcode.Return:
                PopValues(controls.Label(controls.Count - 1).Results, instruction);
                SetUnreachable();
                break;
            case Opcode.Call:
            case Opcode.ReturnCall:
            {
                if (instruction.Index >= (uint)context.FunctionTypes.Length) throw Fail($"unknown function {instruction.Index}", instruction);
                traits |= FunctionTraits.Calls;
                var (parameters, results) = FunctionSignature((uint)context.FunctionTypes[instruction.Index], instruction);
                Call(instruction, parameters, results, instruction.Opcode == Opcode.ReturnCall);
                break;
            }
            case Opcode.CallIndirect:
            case Opcode.ReturnCallIndirect:
            {
                var table = Table(instruction.Index2, instruction);
                if (!subtyping.Matches(table.ElementType, ValueType.FuncRef)) throw Fail("type mismatch", instruction);
                var (parameters, results) = FunctionSignature(instruction.Index, instruction);
                traits |= FunctionTraits.IndirectCalls;
                PopExpect(AddressOf(table), instruction);
                Call(instruction, parameters, results, instruction.Opcode == Opcode.ReturnCallIndirect);
                break;
            }
            case Opcode.CallRef:
            case Opcode.ReturnCallRef:
            {
                var (parameters, results) = FunctionSignature(instruction.Index, instruction);
                traits |= FunctionTraits.IndirectCalls;
                PopExpect(ValueType.Ref(new HeapType((int)instruction.Index), nullable: true), instruction);
                Call(instruction, parameters, results, instruction.Opcode == Opcode.ReturnCallRef);
                break;
            }
            case Opcode.Drop:
                Pop(instruction);
                break;
            case Opcode.Select:
                Select(instruction);
                break;
            case Opcode.SelectTyped:
            {
                if (instruction.Types!.Length != 1) throw Fail("invalid result arity", instruction);
                var type = instruction.Types[0];
                CheckValueType(type, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(type, instruction);
                PopExpect(type, instruction);
                operands.Push(type);
                break;
            }
            case Opcode.LocalGet:
            {
                var type = Local(instruction);
                if (!locals.IsInitialized(instruction.Index, type)) throw Fail("uninitialized local", instruction);
                operands.Push(type);
                break;
            }
            case Opcode.LocalSet:
            {
                var type = Local(instruction);
                PopExpect(type, instruction);
                locals.MarkInitialized(instruction.Index, type);
                break;
            }
            case Opcode.LocalTee:
            {
                var type = Local(instruction);
                PopExpect(type, instruction);
                locals.MarkInitialized(instruction.Index, type);
                operands.Push(type);
                break;
            }
            case Opcode.GlobalGet:
            {
                var global = Global(instruction);
                if (constant)
                {
                    if (instruction.Index >= (uint)readableGlobals) throw Fail($"unknown global {instruction.Index}", instruction);
                    if (global.Mutable) throw Fail("constant expression required", instruction);
                }
                operands.Push(global.ValueType);
                break;
            }
            case Opcode.GlobalSet:
            {
                var global = Global(instruction);
                if (!global.Mutable) throw Fail("global is immutable", instruction);
                PopExpect(global.ValueType, instruction);
                break;
            }
            default:
                if (!TableOrMemory(ref instruction) && !Reference(ref instruction) && !Gc(ref instruction) && !LegacyException(ref instruction))
                    throw Fail("unsupported instruction", instruction);
                break;
        }
        return false;
    }

    private bool ParamsMatchResults(in ControlFrame frame)
    {
        if (frame.Params.Length != frame.Results.Length) return false;
        for (int i = 0; i < frame.Params.Length; i++)
            if (!subtyping.Matches(frame.Params[i], frame.Results[i])) return false;
        return true;
    }

    private void BrTable(in Instruction instruction)
    {
        var labels = instruction.Labels!;
        PopExpect(ValueType.I32, instruction);
        var defaultTypes = LabelFrame((uint)labels[^1], instruction).LabelTypes;
        var arity = defaultTypes.Length;
        for (int i = 0; i < labels.Length - 1; i++)
        {
            var types = LabelFrame((uint)labels[i], instruction).LabelTypes;
            if (types.Length != arity) throw Fail("type mismatch", instruction);
            CheckValuesKept(types, arity, instruction);
        }
        PopValues(defaultTypes, instruction);
        SetUnreachable();
    }

    private void Call(in Instruction instruction, ValueType[] parameters, ValueType[] results, bool tail)
    {
        PopValues(parameters, instruction);
        if (!tail)
        {
            PushValues(results);
            return;
        }
        // A tail call returns the callee's results as the caller's own.
        var own = controls.Label(controls.Count - 1).Results;
        if (own.Length != results.Length) throw Fail("type mismatch", instruction);
        for (int i = 0; i < own.Length; i++)
            if (!subtyping.Matches(results[i], own[i])) throw Fail("type mismatch", instruction);
        SetUnreachable();
    }

    private void Select(in Instruction instruction)
    {
        PopExpect(ValueType.I32, instruction);
        var first = Pop(instruction);
        var second = Pop(instruction);
        // Untyped select only chooses between numbers or vectors; references need the typed form.
        var firstBottom = Subtyping.IsBottom(first);
        var secondBottom = Subtyping.IsBottom(second);
        if ((!firstBottom && first.IsReference) || (!secondBottom && second.IsReference))
            throw Fail("type mismatch", instruction);
        if (!firstBottom && !secondBottom && first.Kind != second.Kind) throw Fail("type mismatch", instruction);
        operands.Push(firstBottom ? second : first);
    }

    private ValueType Local(in Instruction instruction)
    {
        if (!locals.TryGet(instruction.Index, out var type)) throw Fail($"unknown local {instruction.Index}", instruction);
        return type;
    }

    private GlobalType Global(in Instruction instruction)
    {
        if (instruction.Index >= (uint)context.GlobalTypes.Length) throw Fail($"unknown global {instruction.Index}", instruction);
        return context.GlobalTypes[instruction.Index];
    }

    private ValueType ElementSegment(uint index, in Instruction instruction)
    {
        if (index >= (uint)context.ElementTypes.Length) throw Fail($"unknown elem segment {index}", instruction);
        return context.ElementTypes[index];
    }

    private void DataSegment(uint index, in Instruction instruction)
    {
        // Bodies come before the data section, so the data count section must announce the segments.
        if (index >= (uint)context.DataCount) throw Fail($"unknown data segment {index}", instruction);
        if (context.Module.DataCount == null) throw new DecodeException("data count section required", instruction.Offset);
    }

    /// <summary>Table and bulk memory instructions; false when <paramref name="instruction"/> is none of them.</summary>
    private bool TableOrMemory(ref Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.TableGet:
            {
                var table = Table(instruction.Index, instruction);
                PopExpect(AddressOf(table), instruction);
                operands.Push(table.ElementType);
                break;
            }
            case Opcode.TableSet:
            {
                var table = Table(instruction.Index, instruction);
                PopExpect(table.ElementType, instruction);
                PopExpect(AddressOf(table), instruction);
                break;
            }
            case Opcode.TableSize:
                operands.Push(AddressOf(Table(instruction.Index, instruction)));
                break;
            case Opcode.TableGrow:
            {
                var table = Table(instruction.Index, instruction);
                PopExpect(AddressOf(table), instruction);
                PopExpect(table.ElementType, instruction);
                operands.Push(AddressOf(table));
                break;
            }
            case Opcode.TableFill:
            {
                var table = Table(instruction.Index, instruction);
                PopExpect(AddressOf(table), instruction);
                PopExpect(table.ElementType, instruction);
                PopExpect(AddressOf(table), instruction);
                break;
            }
            case Opcode.TableCopy:
            {
                var destination = Table(instruction.Index, instruction);
                var source = Table(instruction.Index2, instruction);
                if (!subtyping.Matches(source.ElementType, destination.ElementType)) throw Fail("type mismatch", instruction);
                PopExpect(MinAddress(AddressOf(destination), AddressOf(source)), instruction);
                PopExpect(AddressOf(source), instruction);
                PopExpect(AddressOf(destination), instruction);
                break;
            }
            case Opcode.TableInit:
            {
                var table = Table(instruction.Index2, instruction);
                var element = ElementSegment(instruction.Index, instruction);
                if (!subtyping.Matches(element, table.ElementType)) throw Fail("type mismatch", instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(AddressOf(table), instruction);
                break;
            }
            case Opcode.ElemDrop:
                ElementSegment(instruction.Index, instruction);
                break;
            case Opcode.MemorySize:
                operands.Push(AddressOf(Memory(instruction.Index, instruction)));
                break;
            case Opcode.MemoryGrow:
            {
                var address = AddressOf(Memory(instruction.Index, instruction));
                traits |= FunctionTraits.MemoryGrow;
                PopExpect(address, instruction);
                operands.Push(address);
                break;
            }
            case Opcode.MemoryInit:
            {
                var memory = Memory(instruction.Index2, instruction);
                DataSegment(instruction.Index, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(AddressOf(memory), instruction);
                break;
            }
            case Opcode.DataDrop:
                DataSegment(instruction.Index, instruction);
                break;
            case Opcode.MemoryCopy:
            {
                var destination = AddressOf(Memory(instruction.Index, instruction));
                var source = AddressOf(Memory(instruction.Index2, instruction));
                PopExpect(MinAddress(destination, source), instruction);
                PopExpect(source, instruction);
                PopExpect(destination, instruction);
                break;
            }
            case Opcode.MemoryFill:
            {
                var address = AddressOf(Memory(instruction.Index, instruction));
                PopExpect(address, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(address, instruction);
                break;
            }
            default:
                return false;
        }
        return true;
    }
}
