using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Validation;

// The GC instructions of 3.0: structs, arrays, i31, casts and the conversions between any and extern.
internal sealed partial class FunctionValidator
{
    private static readonly ValueType ArrayRef = ValueType.Ref(HeapType.Array, nullable: true);
    private static readonly ValueType I31Ref = ValueType.Ref(HeapType.I31, nullable: true);
    private static readonly ValueType AnyRef = ValueType.Ref(HeapType.Any, nullable: true);

    /// <summary>GC instructions; false when <paramref name="instruction"/> is none of them.</summary>
    private bool Gc(ref Instruction instruction)
    {
        var typeIndex = instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.StructNew:
            {
                var fields = Composite(typeIndex, CompositeKind.Struct, instruction).Fields;
                for (int i = fields.Length - 1; i >= 0; i--) PopExpect(Unpacked(fields[i]), instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            }
            case Opcode.StructNewDefault:
                foreach (var field in Composite(typeIndex, CompositeKind.Struct, instruction).Fields)
                    if (!Defaultable(field)) throw Fail("field type is not defaultable", instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            case Opcode.StructGet:
            case Opcode.StructGetS:
            case Opcode.StructGetU:
            {
                var field = Field(typeIndex, instruction.Index2, instruction);
                CheckPacking(field, instruction.Opcode != Opcode.StructGet, instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                operands.Push(Unpacked(field));
                break;
            }
            case Opcode.StructSet:
            {
                var field = Field(typeIndex, instruction.Index2, instruction);
                if (!field.Mutable) throw Fail("field is immutable", instruction);
                PopExpect(Unpacked(field), instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                break;
            }
            case Opcode.ArrayNew:
                PopExpect(ValueType.I32, instruction);
                PopExpect(Unpacked(Element(typeIndex, instruction)), instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            case Opcode.ArrayNewDefault:
                if (!Defaultable(Element(typeIndex, instruction))) throw Fail("array type is not defaultable", instruction);
                PopExpect(ValueType.I32, instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            case Opcode.ArrayNewFixed:
            {
                var element = Unpacked(Element(typeIndex, instruction));
                for (uint i = 0; i < instruction.Index2; i++) PopExpect(element, instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            }
            case Opcode.ArrayNewData:
                NumericElement(typeIndex, instruction);
                DataSegment(instruction.Index2, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(ValueType.I32, instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            case Opcode.ArrayNewElem:
                ElementsFromSegment(typeIndex, instruction.Index2, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(ValueType.I32, instruction);
                operands.Push(Concrete(typeIndex, nullable: false));
                break;
            case Opcode.ArrayGet:
            case Opcode.ArrayGetS:
            case Opcode.ArrayGetU:
            {
                var element = Element(typeIndex, instruction);
                CheckPacking(element, instruction.Opcode != Opcode.ArrayGet, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                operands.Push(Unpacked(element));
                break;
            }
            case Opcode.ArraySet:
            {
                var element = MutableElement(typeIndex, instruction);
                PopExpect(Unpacked(element), instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                break;
            }
            case Opcode.ArrayLen:
                PopExpect(ArrayRef, instruction);
                operands.Push(ValueType.I32);
                break;
            case Opcode.ArrayFill:
            {
                var element = MutableElement(typeIndex, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Unpacked(element), instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                break;
            }
            case Opcode.ArrayCopy:
            {
                var destination = MutableElement(typeIndex, instruction);
                var source = Element(instruction.Index2, instruction);
                if (!StorageMatches(source.Storage, destination.Storage)) throw Fail("array types do not match", instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Concrete(instruction.Index2, nullable: true), instruction);
                PopExpect(ValueType.I32, instruction);
                PopExpect(Concrete(typeIndex, nullable: true), instruction);
                break;
            }
            case Opcode.ArrayInitData:
                MutableElement(typeIndex, instruction);
                NumericElement(typeIndex, instruction);
                DataSegment(instruction.Index2, instruction);
                PopInitOperands(typeIndex, instruction);
                break;
            case Opcode.ArrayInitElem:
                MutableElement(typeIndex, instruction);
                ElementsFromSegment(typeIndex, instruction.Index2, instruction);
                PopInitOperands(typeIndex, instruction);
                break;
            case Opcode.RefTest:
            case Opcode.RefTestNull:
            case Opcode.RefCast:
            case Opcode.RefCastNull:
            {
                var nullable = instruction.Opcode is Opcode.RefTestNull or Opcode.RefCastNull;
                var target = ValueType.Ref(instruction.Heap, nullable);
                CheckHeapType(target.Heap, instruction);
                PopExpect(ValueType.Ref(subtyping.TopOf(target.Heap), nullable: true), instruction);
                operands.Push(instruction.Opcode is Opcode.RefTest or Opcode.RefTestNull ? ValueType.I32 : target);
                break;
            }
            case Opcode.BrOnCast:
            case Opcode.BrOnCastFail:
                BrOnCast(instruction);
                break;
            case Opcode.AnyConvertExtern:
            {
                var type = PopExpect(ValueType.ExternRef, instruction);
                operands.Push(ValueType.Ref(HeapType.Any, type.Nullable));
                break;
            }
            case Opcode.ExternConvertAny:
            {
                var type = PopExpect(AnyRef, instruction);
                operands.Push(ValueType.Ref(HeapType.Extern, type.Nullable));
                break;
            }
            case Opcode.RefI31:
                PopExpect(ValueType.I32, instruction);
                operands.Push(ValueType.Ref(HeapType.I31, nullable: false));
                break;
            case Opcode.I31GetS:
            case Opcode.I31GetU:
                PopExpect(I31Ref, instruction);
                operands.Push(ValueType.I32);
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>
    /// br_on_cast and br_on_cast_fail: the target type must be below the source type; the label takes the
    /// value when the cast succeeds (br_on_cast) or fails (br_on_cast_fail), and the other case goes on.
    /// </summary>
    private void BrOnCast(in Instruction instruction)
    {
        var source = ValueType.Ref(instruction.Heap, (instruction.Flags & 1) != 0);
        var target = ValueType.Ref(instruction.Heap2, (instruction.Flags & 2) != 0);
        CheckHeapType(source.Heap, instruction);
        CheckHeapType(target.Heap, instruction);
        if (!subtyping.Matches(target, source)) throw Fail("type mismatch", instruction);
        var labels = LabelFrame(instruction.Index, instruction).LabelTypes;
        if (labels.Length == 0) throw Fail("type mismatch", instruction);
        // The value when the cast fails: the source type, non-null when a null would have been taken by the cast.
        var rest = ValueType.Ref(source.Heap, source.Nullable && !target.Nullable);
        var branched = instruction.Opcode == Opcode.BrOnCast ? target : rest;
        var kept = instruction.Opcode == Opcode.BrOnCast ? rest : target;
        if (!subtyping.Matches(branched, labels[^1])) throw Fail("type mismatch", instruction);
        PopExpect(source, instruction);
        for (int i = labels.Length - 2; i >= 0; i--) PopExpect(labels[i], instruction);
        for (int i = 0; i < labels.Length - 1; i++) operands.Push(labels[i]);
        operands.Push(kept);
    }

    private void PopInitOperands(uint typeIndex, in Instruction instruction)
    {
        PopExpect(ValueType.I32, instruction);
        PopExpect(ValueType.I32, instruction);
        PopExpect(ValueType.I32, instruction);
        PopExpect(Concrete(typeIndex, nullable: true), instruction);
    }

    private TypeDefinition Composite(uint typeIndex, CompositeKind kind, in Instruction instruction)
    {
        var types = context.Module.Types;
        if (typeIndex >= (uint)types.Length) throw Fail($"unknown type {typeIndex}", instruction);
        var type = types[typeIndex];
        if (type.Kind != kind) throw Fail(kind == CompositeKind.Struct ? "type is not a struct type" : "type is not an array type", instruction);
        return type;
    }

    private FieldType Field(uint typeIndex, uint field, in Instruction instruction)
    {
        var fields = Composite(typeIndex, CompositeKind.Struct, instruction).Fields;
        if (field >= (uint)fields.Length) throw Fail($"unknown field {field}", instruction);
        return fields[field];
    }

    private FieldType Element(uint typeIndex, in Instruction instruction) =>
        Composite(typeIndex, CompositeKind.Array, instruction).Fields[0];

    private FieldType MutableElement(uint typeIndex, in Instruction instruction)
    {
        var element = Element(typeIndex, instruction);
        if (!element.Mutable) throw Fail("array is immutable", instruction);
        return element;
    }

    private void NumericElement(uint typeIndex, in Instruction instruction)
    {
        if (Element(typeIndex, instruction).Storage.Type.IsReference) throw Fail("array type is not numeric or vector", instruction);
    }

    /// <summary>An element segment whose items fit the array's reference elements.</summary>
    private void ElementsFromSegment(uint typeIndex, uint segment, in Instruction instruction)
    {
        var element = Element(typeIndex, instruction).Storage;
        var items = ElementSegment(segment, instruction);
        if (element.IsPacked || !subtyping.Matches(items, element.Type)) throw Fail("type mismatch", instruction);
    }

    private void CheckPacking(FieldType field, bool signed, in Instruction instruction)
    {
        if (field.Storage.IsPacked != signed)
            throw Fail(signed ? "field is not packed" : "field is packed", instruction);
    }

    private bool StorageMatches(StorageType actual, StorageType expected) =>
        actual.IsPacked || expected.IsPacked
            ? actual.PackedBits == expected.PackedBits
            : subtyping.Matches(actual.Type, expected.Type);

    private static ValueType Concrete(uint typeIndex, bool nullable) => ValueType.Ref(new HeapType((int)typeIndex), nullable);

    /// <summary>The value type a field is read and written as: i32 for packed fields.</summary>
    private static ValueType Unpacked(FieldType field) => field.Storage.IsPacked ? ValueType.I32 : field.Storage.Type;

    private static bool Defaultable(FieldType field) => !field.Storage.Type.IsReference || field.Storage.Type.Nullable;
}
