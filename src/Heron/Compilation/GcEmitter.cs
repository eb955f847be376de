using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using Heron.Runtime;
using Heron.Runtime.Gc;

namespace Heron.Compilation;

/// <summary>
/// The GC instructions: each is a call to a small runtime helper (<see cref="StructAccess"/>,
/// <see cref="ArrayAccess"/>, <see cref="GcCasts"/>) that the JIT inlines, with the field slot or the
/// element's .NET type fixed at compile time. Run-time types come from the instance's context by type
/// index, so the code names nothing of the engine that compiled it.
/// </summary>
internal static class GcEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var typeIndex = (int)instruction.Index;
        switch (instruction.Opcode)
        {
            case Opcode.StructNew: StructNew(c, typeIndex, withValues: true); return true;
            case Opcode.StructNewDefault: StructNew(c, typeIndex, withValues: false); return true;
            case Opcode.StructGet:
            case Opcode.StructGetS:
            case Opcode.StructGetU:
                StructGet(c, typeIndex, (int)instruction.Index2, instruction.Opcode == Opcode.StructGetS);
                return true;
            case Opcode.StructSet:
            {
                var field = (int)instruction.Index2;
                c.IL.Int32(Layout(c, typeIndex).Slots[field]);
                c.IL.Call(Struct("Set" + Suffix(Fields(c, typeIndex)[field].Storage, signed: false, set: true)));
                c.Pop(2);
                return true;
            }
            case Opcode.ArrayNew:
                LoadType(c, typeIndex);
                c.LoadContext();
                Call(c, nameof(ArrayAccess<int>.New), typeIndex);
                Replace(c, 2, Concrete(typeIndex));
                return true;
            case Opcode.ArrayNewDefault:
                LoadType(c, typeIndex);
                c.LoadContext();
                Call(c, nameof(ArrayAccess<int>.NewDefault), typeIndex);
                Replace(c, 1, Concrete(typeIndex));
                return true;
            case Opcode.ArrayNewFixed: ArrayNewFixed(c, typeIndex, (int)instruction.Index2); return true;
            case Opcode.ArrayNewData:
            case Opcode.ArrayNewElem:
                LoadType(c, typeIndex);
                c.LoadContext();
                c.IL.Int32((int)instruction.Index2);
                if (instruction.Opcode == Opcode.ArrayNewData) Call(c, nameof(ArrayData<int>.NewData), typeIndex);
                else c.IL.Call(Array(nameof(ArrayAccess.NewElem)));
                Replace(c, 2, Concrete(typeIndex));
                return true;
            case Opcode.ArrayGet:
            case Opcode.ArrayGetS:
            case Opcode.ArrayGetU:
            {
                Call(c, nameof(ArrayAccess<int>.Get), typeIndex);
                var storage = Element(c, typeIndex);
                if (instruction.Opcode == Opcode.ArrayGetS) c.IL.Emit(storage.PackedBits == 8 ? OpCodes.Conv_I1 : OpCodes.Conv_I2);
                Replace(c, 2, Unpacked(storage));
                return true;
            }
            case Opcode.ArraySet:
                Call(c, nameof(ArrayAccess<int>.Set), typeIndex);
                c.Pop(3);
                return true;
            case Opcode.ArrayLen:
                c.IL.Call(Array(nameof(ArrayAccess.Len)));
                Replace(c, 1, ValueType.I32);
                return true;
            case Opcode.ArrayFill:
                Call(c, nameof(ArrayAccess<int>.Fill), typeIndex);
                c.Pop(4);
                return true;
            case Opcode.ArrayCopy:
                Call(c, nameof(ArrayAccess<int>.Copy), typeIndex);
                c.Pop(5);
                return true;
            case Opcode.ArrayInitData:
            case Opcode.ArrayInitElem:
                c.LoadContext();
                c.IL.Int32((int)instruction.Index2);
                if (instruction.Opcode == Opcode.ArrayInitData) Call(c, nameof(ArrayData<int>.InitData), typeIndex);
                else c.IL.Call(Array(nameof(ArrayAccess.InitElem)));
                c.Pop(4);
                return true;
            case Opcode.RefI31:
                c.IL.Call(Casts(nameof(GcCasts.RefI31)));
                Replace(c, 1, ValueType.Ref(HeapType.I31, nullable: false));
                return true;
            case Opcode.I31GetS:
            case Opcode.I31GetU:
                c.IL.Call(Casts(instruction.Opcode == Opcode.I31GetS ? nameof(GcCasts.I31GetS) : nameof(GcCasts.I31GetU)));
                Replace(c, 1, ValueType.I32);
                return true;
            case Opcode.RefEq:
                c.IL.Call(Casts(nameof(GcCasts.RefEq)));
                Replace(c, 2, ValueType.I32);
                return true;
            case Opcode.AnyConvertExtern:
            case Opcode.ExternConvertAny:
            {
                // One representation serves both hierarchies: a host object stays itself inside any, and a GC
                // value stays itself as an extern, so both conversions are free and round-trip by identity.
                var type = c.Pop();
                c.Push(ValueType.Ref(instruction.Opcode == Opcode.AnyConvertExtern ? HeapType.Any : HeapType.Extern, type.Nullable));
                return true;
            }
            case Opcode.RefTest:
            case Opcode.RefTestNull:
                EmitTest(c, instruction.Heap, instruction.Opcode == Opcode.RefTestNull);
                Replace(c, 1, ValueType.I32);
                return true;
            case Opcode.RefCast:
            case Opcode.RefCastNull:
            {
                var il = c.IL;
                var ok = il.DefineLabel();
                il.Emit(OpCodes.Dup);
                EmitTest(c, instruction.Heap, instruction.Opcode == Opcode.RefCastNull);
                il.Emit(OpCodes.Brtrue, ok);
                il.Call(Traps(nameof(GcTraps.CastFailure)));
                il.Emit(OpCodes.Throw);
                il.Mark(ok);
                Replace(c, 1, ValueType.Ref(instruction.Heap, instruction.Opcode == Opcode.RefCastNull));
                return true;
            }
            case Opcode.BrOnCast:
            case Opcode.BrOnCastFail:
                BrOnCast(c, instruction);
                return true;
            default:
                return false;
        }
    }

    private static void StructNew(FunctionCompiler c, int typeIndex, bool withValues)
    {
        var fields = Fields(c, typeIndex);
        var count = withValues ? fields.Length : 0;
        var values = c.Spill(count);
        c.Pop(count);
        LoadType(c, typeIndex);
        c.LoadContext();
        c.IL.Call(Struct(nameof(StructAccess.New)));
        if (count > 0)
        {
            var created = c.IL.Rent(typeof(GcStruct));
            c.IL.StoreLocal(created);
            var slots = Layout(c, typeIndex).Slots;
            for (int i = 0; i < count; i++)
            {
                c.IL.LoadLocal(created);
                c.IL.LoadLocal(values[i]);
                c.IL.Int32(slots[i]);
                c.IL.Call(Struct("Set" + Suffix(fields[i].Storage, signed: false, set: true)));
                c.IL.Return(values[i]);
            }
            c.IL.LoadLocal(created);
            c.IL.Return(created);
        }
        c.Push(Concrete(typeIndex));
    }

    private static void StructGet(FunctionCompiler c, int typeIndex, int field, bool signed)
    {
        var storage = Fields(c, typeIndex)[field].Storage;
        c.IL.Int32(Layout(c, typeIndex).Slots[field]);
        c.IL.Call(Struct("Get" + Suffix(storage, signed, set: false)));
        Replace(c, 1, Unpacked(storage));
    }

    private static void ArrayNewFixed(FunctionCompiler c, int typeIndex, int count)
    {
        var values = c.Spill(count);
        c.Pop(count);
        c.IL.Int32(count);
        LoadType(c, typeIndex);
        c.LoadContext();
        Call(c, nameof(ArrayAccess<int>.NewDefault), typeIndex);
        if (count > 0)
        {
            var created = c.IL.Rent(typeof(object));
            c.IL.StoreLocal(created);
            var set = Generic(nameof(ArrayAccess<int>.Set), ElementClr(Element(c, typeIndex)));
            for (int i = 0; i < count; i++)
            {
                c.IL.LoadLocal(created);
                c.IL.Int32(i);
                c.IL.LoadLocal(values[i]);
                c.IL.Call(set);
                c.IL.Return(values[i]);
            }
            c.IL.LoadLocal(created);
            c.IL.Return(created);
        }
        c.Push(Concrete(typeIndex));
    }

    /// <summary>br_on_cast branches when the cast succeeds, br_on_cast_fail when it fails; the value goes along either way.</summary>
    private static void BrOnCast(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var sourceNullable = (instruction.Flags & 1) != 0;
        var targetNullable = (instruction.Flags & 2) != 0;
        var target = ValueType.Ref(instruction.Heap2, targetNullable);
        var rest = ValueType.Ref(instruction.Heap, sourceNullable && !targetNullable);
        var onCast = instruction.Opcode == Opcode.BrOnCast;
        il.Emit(OpCodes.Dup);
        EmitTest(c, instruction.Heap2, targetNullable);
        if (!onCast)
        {
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ceq);
        }
        c.Pop();
        c.Push(onCast ? target : rest);
        ControlEmitter.Branch(c, c.Control[^(1 + (int)instruction.Index)], conditional: true);
        c.Pop();
        c.Push(onCast ? rest : target);
    }

    /// <summary>Replaces the reference on top of the CIL stack by 1 when it is of <paramref name="heap"/> (null counting when <paramref name="nullable"/>), else 0.</summary>
    private static void EmitTest(FunctionCompiler c, HeapType heap, bool nullable)
    {
        var il = c.IL;
        var value = il.Rent(typeof(object));
        var notNull = il.DefineLabel();
        var done = il.DefineLabel();
        il.StoreLocal(value);
        il.LoadLocal(value);
        il.Emit(OpCodes.Brtrue, notNull);
        il.Int32(nullable ? 1 : 0);
        il.Emit(OpCodes.Br, done);
        il.Mark(notNull);
        if (heap.IsConcrete)
        {
            il.LoadLocal(value);
            LoadType(c, heap.TypeIndex);
            il.Call(ConcreteTest(c.Module.Types[heap.TypeIndex]));
        }
        else if (heap == HeapType.Eq || heap == HeapType.I31 || heap == HeapType.Struct || heap == HeapType.Array)
        {
            il.LoadLocal(value);
            il.Call(Casts(heap == HeapType.Eq ? nameof(GcCasts.IsEq) : heap == HeapType.I31 ? nameof(GcCasts.IsI31)
                : heap == HeapType.Struct ? nameof(GcCasts.IsStruct) : nameof(GcCasts.IsArray)));
        }
        else
        {
            // A top type holds every non-null value of its hierarchy; a bottom type none.
            var bottom = heap == HeapType.None || heap == HeapType.NoFunc || heap == HeapType.NoExtern || heap == HeapType.NoExn;
            il.Int32(bottom ? 0 : 1);
        }
        il.Mark(done);
        il.Return(value);
    }

    /// <summary>
    /// The test for a concrete target type, chosen by what the module says of it: a struct or array type is a
    /// sealed-type test (its .NET class is known), and a final one needs no display look-up.
    /// </summary>
    private static MethodInfo ConcreteTest(TypeDefinition target) => target.Kind switch
    {
        CompositeKind.Struct => Casts(target.Final ? nameof(GcCasts.IsStructExactly) : nameof(GcCasts.IsStructOf)),
        CompositeKind.Array => Generic(target.Final ? nameof(ArrayAccess<int>.IsExactly) : nameof(ArrayAccess<int>.IsOf),
            ElementClr(target.Fields[0].Storage)),
        _ => Casts(nameof(GcCasts.IsSubtype)),
    };

    private static void LoadType(FunctionCompiler c, int typeIndex)
    {
        c.LoadContext();
        c.IL.Load(RuntimeMembers.ContextTypes);
        c.IL.Int32(typeIndex);
        c.IL.Emit(OpCodes.Ldelem_Ref);
    }

    /// <summary>Pops <paramref name="count"/> operand types and pushes <paramref name="result"/>.</summary>
    private static void Replace(FunctionCompiler c, int count, ValueType result)
    {
        c.Pop(count);
        c.Push(result);
    }

    private static ValueType Concrete(int typeIndex) => ValueType.Ref(new HeapType(typeIndex), nullable: false);

    private static ValueType Unpacked(StorageType storage) => storage.IsPacked ? ValueType.I32 : storage.Type;

    private static FieldType[] Fields(FunctionCompiler c, int typeIndex) => c.Module.Types[typeIndex].Fields;

    private static StorageType Element(FunctionCompiler c, int typeIndex) => Fields(c, typeIndex)[0].Storage;

    private static readonly ConcurrentDictionary<TypeDefinition, StructLayout> Layouts = new();

    private static StructLayout Layout(FunctionCompiler c, int typeIndex) =>
        Layouts.GetOrAdd(c.Module.Types[typeIndex], type => StructLayout.Of(type.Fields));

    /// <summary>The helper name's suffix for a field of <paramref name="storage"/>.</summary>
    private static string Suffix(StorageType storage, bool signed, bool set) => storage.PackedBits switch
    {
        8 => set ? "I8" : signed ? "I8S" : "I8U",
        16 => set ? "I16" : signed ? "I16S" : "I16U",
        _ => storage.Type.Kind switch
        {
            ValueKind.I32 => "I32",
            ValueKind.I64 => "I64",
            ValueKind.F32 => "F32",
            ValueKind.F64 => "F64",
            ValueKind.V128 => "V128",
            _ => "Ref",
        },
    };

    /// <summary>The .NET element type of an array's storage: packed i8 and i16 are byte and ushort.</summary>
    public static Type ElementClr(StorageType storage) => storage.PackedBits switch
    {
        8 => typeof(byte),
        16 => typeof(ushort),
        _ => CilTypes.Of(storage.Type),
    };

    private static void Call(FunctionCompiler c, string helper, int typeIndex) =>
        c.IL.Call(Generic(helper, ElementClr(Element(c, typeIndex))));

    /// <summary>A helper of <see cref="ArrayAccess{T}"/> (or of <see cref="ArrayData{T}"/> for the data ones) for <paramref name="element"/>.</summary>
    private static MethodInfo Generic(string helper, Type element)
    {
        var holder = helper is nameof(ArrayData<int>.NewData) or nameof(ArrayData<int>.InitData) ? typeof(ArrayData<>) : typeof(ArrayAccess<>);
        return RuntimeMembers.Of(holder.MakeGenericType(element), helper);
    }

    private static MethodInfo Array(string name) => RuntimeMembers.Of(typeof(ArrayAccess), name);

    private static MethodInfo Struct(string name) => RuntimeMembers.Of(typeof(StructAccess), name);

    private static MethodInfo Casts(string name) => RuntimeMembers.Of(typeof(GcCasts), name);

    private static MethodInfo Traps(string name) => RuntimeMembers.Of(typeof(GcTraps), name);
}
