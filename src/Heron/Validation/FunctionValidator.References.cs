using Heron.Binary;
using Heron.Instructions;

namespace Heron.Validation;

// Reference instructions (2.0 reference types, 3.0 typed function references) and 3.0 exception handling.
internal sealed partial class FunctionValidator
{
    private static readonly ValueType ExnRef = ValueType.Ref(HeapType.Exn, nullable: true);
    private static readonly ValueType EqRef = ValueType.Ref(HeapType.Eq, nullable: true);

    /// <summary>Reference and exception instructions; false when <paramref name="instruction"/> is none of them.</summary>
    private bool Reference(ref Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.RefNull:
                CheckHeapType(instruction.Heap, instruction);
                operands.Push(ValueType.Ref(instruction.Heap, nullable: true));
                break;
            case Opcode.RefIsNull:
                PopReference(instruction);
                operands.Push(ValueType.I32);
                break;
            case Opcode.RefFunc:
            {
                if (instruction.Index >= (uint)context.FunctionTypes.Length) throw Fail($"unknown function {instruction.Index}", instruction);
                if (!context.ReferencedFunctions[instruction.Index]) throw Fail("undeclared function reference", instruction);
                // With typed function references the result is exact: a non-null reference to the function's type.
                operands.Push(context.Has(WasmFeatures.FunctionReferences)
                    ? ValueType.Ref(new HeapType(context.FunctionTypes[instruction.Index]), nullable: false)
                    : ValueType.FuncRef);
                break;
            }
            case Opcode.RefAsNonNull:
            {
                var type = PopReference(instruction);
                operands.Push(Subtyping.IsBottom(type) ? type : ValueType.Ref(type.Heap, nullable: false));
                break;
            }
            case Opcode.RefEq:
                PopExpect(EqRef, instruction);
                PopExpect(EqRef, instruction);
                operands.Push(ValueType.I32);
                break;
            case Opcode.BrOnNull:
            {
                var types = LabelFrame(instruction.Index, instruction).LabelTypes;
                var type = PopReference(instruction);
                PopValues(types, instruction);
                PushValues(types);
                operands.Push(Subtyping.IsBottom(type) ? type : ValueType.Ref(type.Heap, nullable: false));
                break;
            }
            case Opcode.BrOnNonNull:
            {
                var types = LabelFrame(instruction.Index, instruction).LabelTypes;
                if (types.Length == 0) throw Fail("type mismatch", instruction);
                var type = PopReference(instruction);
                var nonNull = Subtyping.IsBottom(type) ? type : ValueType.Ref(type.Heap, nullable: false);
                if (!subtyping.Matches(nonNull, types[^1])) throw Fail("type mismatch", instruction);
                for (int i = types.Length - 2; i >= 0; i--) PopExpect(types[i], instruction);
                for (int i = 0; i < types.Length - 1; i++) operands.Push(types[i]);
                break;
            }
            case Opcode.Throw:
                traits |= FunctionTraits.Exceptions;
                PopValues(TagParams(instruction.Index, instruction), instruction);
                SetUnreachable();
                break;
            case Opcode.ThrowRef:
                traits |= FunctionTraits.Exceptions;
                PopExpect(ExnRef, instruction);
                SetUnreachable();
                break;
            case Opcode.TryTable:
                TryTable(instruction);
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>Pops any reference (or the bottom type of unreachable code).</summary>
    private ValueType PopReference(in Instruction instruction)
    {
        var type = Pop(instruction);
        if (!type.IsReference) throw Fail("type mismatch", instruction);
        return type;
    }

    private ValueType[] TagParams(uint tag, in Instruction instruction)
    {
        if (tag >= (uint)context.TagTypes.Length) throw Fail($"unknown tag {tag}", instruction);
        var typeIndex = context.TagTypes[tag];
        if ((uint)typeIndex >= (uint)context.TypeParams.Length || context.TypeParams[typeIndex] == null)
            throw Fail("unknown type", instruction);
        return context.TypeParams[typeIndex]!;
    }

    private void TryTable(in Instruction instruction)
    {
        traits |= FunctionTraits.Exceptions;
        BlockSignature(instruction, out var parameters, out var results);
        // Catch clauses branch from outside the try_table, so their labels count from the enclosing frame.
        foreach (var clause in instruction.Catches!)
        {
            var label = LabelFrame((uint)clause.Label, instruction).LabelTypes;
            var payload = clause.HasTag ? TagParams((uint)clause.Tag, instruction) : NoTypes;
            var count = payload.Length + (clause.PushesExnRef ? 1 : 0);
            if (label.Length != count) throw Fail("type mismatch", instruction);
            for (int i = 0; i < payload.Length; i++)
                if (!subtyping.Matches(payload[i], label[i])) throw Fail("type mismatch", instruction);
            if (clause.PushesExnRef && !subtyping.Matches(ValueType.Ref(HeapType.Exn, nullable: false), label[^1]))
                throw Fail("type mismatch", instruction);
        }
        PopValues(parameters, instruction);
        PushFrame(Opcode.TryTable, parameters, results);
    }
}
