using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using Heron.Compilation;
using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// Emits the CIL that lifts and lowers the values of one signature: every decision a type makes (which core
/// slot, which offset, which case, which helper) is taken while emitting, so the code that runs per call is
/// straight-line loads, stores and helper calls. A value is carried either as a <see cref="ComponentValue"/>
/// (the dynamic API) or as the .NET type <see cref="ClrMapping"/> pairs with it (the typed API); the two
/// meet inside compound values, whose parts may be carried either way.
/// </summary>
internal sealed partial class ValueEmitter
{
    private static readonly FieldInfo TargetAbi = typeof(StubTarget).GetField(nameof(StubTarget.Abi))!;
    private static readonly FieldInfo TargetMemory = typeof(StubTarget).GetField(nameof(StubTarget.Memory))!;
    private static readonly FieldInfo TargetInstance = typeof(StubTarget).GetField(nameof(StubTarget.Instance))!;
    private static readonly FieldInfo TargetResources = typeof(StubTarget).GetField(nameof(StubTarget.Resources))!;
    private static readonly MethodInfo ListItem = typeof(IReadOnlyList<ComponentValue>).GetMethod("get_Item")!;
    private static readonly MethodInfo ListCount = typeof(IReadOnlyCollection<ComponentValue>).GetProperty("Count")!.GetMethod!;

    private readonly CilWriter _il;
    private readonly Action _loadTarget;
    private readonly IReadOnlyList<ResourceType> _resources;
    private readonly StubConstants _constants;

    public ValueEmitter(CilWriter il, Action loadTarget, IReadOnlyList<ResourceType> resources, StubConstants constants)
    {
        _il = il;
        _loadTarget = loadTarget;
        _resources = resources;
        _constants = constants;
    }

    /// <summary>The call's borrow scope, declared by the stub when the signature moves borrowed handles.</summary>
    public LocalBuilder? Scope { get; set; }

    public CilWriter Il => _il;

    private static bool IsDynamic(Type clr) => clr == typeof(ComponentValue);

    private static MethodInfo Runtime(string name) => CilTypes.Method(typeof(CanonRuntime), name);

    private static MethodInfo Value(string name, params Type[] parameters) =>
        typeof(ComponentValue).GetMethod(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Instance, parameters)
        ?? throw new InvalidOperationException($"ComponentValue.{name} not found");

    private void LoadAbi()
    {
        _loadTarget();
        _il.Load(TargetAbi);
    }

    private void LoadMemory()
    {
        _loadTarget();
        _il.Load(TargetMemory);
    }

    private void LoadInstance()
    {
        _loadTarget();
        _il.Load(TargetInstance);
    }

    private void LoadResource(ResourceType resource)
    {
        _loadTarget();
        _il.Load(TargetResources);
        _il.Int32(StubKey.IndexOf(_resources, resource));
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void LoadConstant(object value) => _constants.Emit(_il, value);

    private LocalBuilder Spill(Type type)
    {
        var local = _il.DeclareLocal(type);
        _il.StoreLocal(local);
        return local;
    }

    /// <summary>Pushes <paramref name="pointer"/> plus <paramref name="offset"/>.</summary>
    private void Address(LocalBuilder pointer, int offset)
    {
        _il.LoadLocal(pointer);
        if (offset == 0) return;
        _il.Int32(offset);
        _il.Emit(OpCodes.Add);
    }

    /// <summary>
    /// Emits <c>for (i = 0; i &lt; count; i++) body(element pointer)</c> over the elements of a list at
    /// <paramref name="pointer"/>, the element pointer advancing by <paramref name="size"/>.
    /// </summary>
    private void ForEachElement(LocalBuilder pointer, LocalBuilder count, int size, Action<LocalBuilder, LocalBuilder> body)
    {
        var index = _il.DeclareLocal(typeof(int));
        var at = _il.DeclareLocal(typeof(int));
        _il.Int32(0);
        _il.StoreLocal(index);
        _il.LoadLocal(pointer);
        _il.StoreLocal(at);
        var test = _il.DefineLabel();
        var loop = _il.DefineLabel();
        _il.Emit(OpCodes.Br, test);
        _il.Mark(loop);
        body(index, at);
        _il.LoadLocal(at);
        _il.Int32(size);
        _il.Emit(OpCodes.Add);
        _il.StoreLocal(at);
        _il.LoadLocal(index);
        _il.Int32(1);
        _il.Emit(OpCodes.Add);
        _il.StoreLocal(index);
        _il.Mark(test);
        _il.LoadLocal(index);
        _il.LoadLocal(count);
        _il.Emit(OpCodes.Blt_Un, loop);
    }

    /// <summary>Pushes element <paramref name="index"/> of the list value in <paramref name="list"/> (an array, a List or a ComponentValue list).</summary>
    private void LoadElement(LocalBuilder list, Type listClr, LocalBuilder index)
    {
        _il.LoadLocal(list);
        _il.LoadLocal(index);
        if (listClr.IsArray) _il.Emit(OpCodes.Ldelem, listClr.GetElementType()!);
        else if (listClr == typeof(IReadOnlyList<ComponentValue>)) _il.Call(ListItem);
        else _il.Call(listClr.GetMethod("get_Item")!);
    }

    private void LoadCount(LocalBuilder list, Type listClr)
    {
        _il.LoadLocal(list);
        if (listClr.IsArray)
        {
            _il.Emit(OpCodes.Ldlen);
            _il.Emit(OpCodes.Conv_I4);
        }
        else if (listClr == typeof(IReadOnlyList<ComponentValue>)) _il.Call(ListCount);
        else _il.Call(listClr.GetProperty("Count")!.GetMethod!);
    }

    // Scalars: the .NET value a primitive is carried as, and its natural core value.

    /// <summary>Turns the carried value on the stack into the primitive's natural core value (i32, i64, f32 or f64).</summary>
    private void ScalarToCore(PrimitiveKind kind, Type clr)
    {
        if (IsDynamic(clr))
        {
            _il.Call(Value(kind switch
            {
                PrimitiveKind.Bool => nameof(ComponentValue.AsBool),
                PrimitiveKind.S8 => nameof(ComponentValue.AsS8),
                PrimitiveKind.U8 => nameof(ComponentValue.AsU8),
                PrimitiveKind.S16 => nameof(ComponentValue.AsS16),
                PrimitiveKind.U16 => nameof(ComponentValue.AsU16),
                PrimitiveKind.S32 => nameof(ComponentValue.AsS32),
                PrimitiveKind.U32 => nameof(ComponentValue.AsU32),
                PrimitiveKind.S64 => nameof(ComponentValue.AsS64),
                PrimitiveKind.U64 => nameof(ComponentValue.AsU64),
                PrimitiveKind.F32 => nameof(ComponentValue.AsF32),
                PrimitiveKind.F64 => nameof(ComponentValue.AsF64),
                PrimitiveKind.Char => nameof(ComponentValue.AsChar),
                _ => throw new ArgumentException($"{kind} is not a scalar"),
            }, Type.EmptyTypes));
            clr = ClrMapping.Scalar(kind)[0];
        }
        switch (kind)
        {
            case PrimitiveKind.Bool:
                // Any non-zero byte is true; the core value is exactly 0 or 1.
                _il.Int32(0);
                _il.Emit(OpCodes.Cgt_Un);
                break;
            case PrimitiveKind.Char:
                _il.Call(Runtime(clr == typeof(char) ? nameof(CanonRuntime.CharBits) : nameof(CanonRuntime.RuneBits)));
                break;
        }
    }

    /// <summary>Turns a primitive's natural core value on the stack into the value carried as <paramref name="clr"/>.</summary>
    private void CoreToScalar(PrimitiveKind kind, Type clr)
    {
        switch (kind)
        {
            case PrimitiveKind.Bool:
                _il.Int32(0);
                _il.Emit(OpCodes.Cgt_Un);
                break;
            case PrimitiveKind.S8: _il.Emit(OpCodes.Conv_I1); break;
            case PrimitiveKind.U8: _il.Emit(OpCodes.Conv_U1); break;
            case PrimitiveKind.S16: _il.Emit(OpCodes.Conv_I2); break;
            case PrimitiveKind.U16: _il.Emit(OpCodes.Conv_U2); break;
            case PrimitiveKind.F32: _il.Call(typeof(CanonRuntime).GetMethod(nameof(CanonRuntime.CanonicalNaN), [typeof(float)])!); break;
            case PrimitiveKind.F64: _il.Call(typeof(CanonRuntime).GetMethod(nameof(CanonRuntime.CanonicalNaN), [typeof(double)])!); break;
            case PrimitiveKind.Char:
                _il.Call(Runtime(clr == typeof(char) ? nameof(CanonRuntime.ToUtf16Char) : nameof(CanonRuntime.ToChar)));
                break;
        }
        if (!IsDynamic(clr)) return;
        var natural = ClrMapping.Scalar(kind)[0];
        _il.Call(Value(kind.ToString(), natural));
    }

    /// <summary>Reads a primitive's bytes at an address as its natural core value.</summary>
    private void LoadScalarFromMemory(PrimitiveKind kind, LocalBuilder pointer, int offset)
    {
        LoadMemory();
        Address(pointer, offset);
        _il.Call(Runtime(kind switch
        {
            PrimitiveKind.Bool or PrimitiveKind.U8 => nameof(CanonRuntime.Load8U),
            PrimitiveKind.S8 => nameof(CanonRuntime.Load8S),
            PrimitiveKind.S16 => nameof(CanonRuntime.Load16S),
            PrimitiveKind.U16 => nameof(CanonRuntime.Load16U),
            PrimitiveKind.S64 or PrimitiveKind.U64 => nameof(CanonRuntime.Load64),
            PrimitiveKind.F32 => nameof(CanonRuntime.LoadF32),
            PrimitiveKind.F64 => nameof(CanonRuntime.LoadF64),
            _ => nameof(CanonRuntime.Load32),
        }));
    }

    /// <summary>The helper that stores a natural core value of <paramref name="size"/> bytes (of a float type when <paramref name="flat"/> says so).</summary>
    private static MethodInfo StoreHelper(int size, FlatType flat) => Runtime(flat switch
    {
        FlatType.F32 => nameof(CanonRuntime.StoreF32),
        FlatType.F64 => nameof(CanonRuntime.StoreF64),
        _ => size switch
        {
            1 => nameof(CanonRuntime.Store8),
            2 => nameof(CanonRuntime.Store16),
            8 => nameof(CanonRuntime.Store64),
            _ => nameof(CanonRuntime.Store32),
        },
    });

    /// <summary>Pushes an unsigned integer of 1, 2 or 4 bytes (a discriminant or flags) from memory.</summary>
    private void LoadUnsigned(int size, LocalBuilder pointer, int offset)
    {
        LoadMemory();
        Address(pointer, offset);
        _il.Call(Runtime(size switch { 1 => nameof(CanonRuntime.Load8U), 2 => nameof(CanonRuntime.Load16U), _ => nameof(CanonRuntime.Load32) }));
    }

    // Flat slots: core values in locals, of the types a signature's (joined) flattening gives.

    /// <summary>Converts a value of its natural flat type to the (joined) type of the slot that holds it.</summary>
    private void CoerceToSlot(FlatType have, FlatType want)
    {
        switch (have, want)
        {
            case (FlatType.F32, FlatType.I32):
                _il.Call(Runtime(nameof(CanonRuntime.F32Bits)));
                break;
            case (FlatType.I32, FlatType.I64):
                _il.Emit(OpCodes.Conv_U8);
                break;
            case (FlatType.F32, FlatType.I64):
                _il.Call(Runtime(nameof(CanonRuntime.F32Bits)));
                _il.Emit(OpCodes.Conv_U8);
                break;
            case (FlatType.F64, FlatType.I64):
                _il.Call(Runtime(nameof(CanonRuntime.F64Bits)));
                break;
        }
    }

    /// <summary>Reads a slot of a joined flat type back as the natural type a case's payload wants.</summary>
    private void CoerceFromSlot(FlatType have, FlatType want)
    {
        switch (have, want)
        {
            case (FlatType.I32, FlatType.F32):
                _il.Call(Runtime(nameof(CanonRuntime.F32FromBits)));
                break;
            case (FlatType.I64, FlatType.I32):
                _il.Emit(OpCodes.Conv_I4);
                break;
            case (FlatType.I64, FlatType.F32):
                _il.Emit(OpCodes.Conv_I4);
                _il.Call(Runtime(nameof(CanonRuntime.F32FromBits)));
                break;
            case (FlatType.I64, FlatType.F64):
                _il.Call(Runtime(nameof(CanonRuntime.F64FromBits)));
                break;
        }
    }

    public static Type SlotType(FlatType flat) => flat switch
    {
        FlatType.I32 => typeof(int),
        FlatType.I64 => typeof(long),
        FlatType.F32 => typeof(float),
        _ => typeof(double),
    };

    /// <summary>Locals for a sequence of flat values.</summary>
    public FlatSlot[] DeclareSlots(IEnumerable<FlatType> types) => types.Select(t => new FlatSlot(_il.DeclareLocal(SlotType(t)), t)).ToArray();

    private void StoreSlot(FlatSlot slot, FlatType natural)
    {
        CoerceToSlot(natural, slot.Type);
        _il.StoreLocal(slot.Local);
    }

    private void LoadSlot(FlatSlot slot, FlatType natural)
    {
        _il.LoadLocal(slot.Local);
        CoerceFromSlot(slot.Type, natural);
    }

    private static string TypeText(ComponentValueType type) => type.ToString();

    private static string[] CaseLabels(ComponentValueType type)
    {
        var cases = VariantCases.Of(type);
        var labels = new string[cases.Count];
        for (var i = 0; i < labels.Length; i++) labels[i] = cases.Label(i);
        return labels;
    }

    private static string[] FieldLabels(RecordType record) => record.Fields.Select(f => f.Label).ToArray();

    private static IReadOnlyList<ComponentValueType> Parts(ComponentValueType type) => type switch
    {
        RecordType r => r.Fields.Select(f => f.Type).ToArray(),
        TupleType t => t.Types,
        _ => throw new ArgumentException($"{type} has no parts"),
    };

    /// <summary>The offsets of a record's or tuple's parts in memory.</summary>
    private static int[] PartOffsets(IReadOnlyList<ComponentValueType> parts)
    {
        var offsets = new int[parts.Count];
        var offset = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            offset = CanonLayout.AlignTo(offset, parts[i].Layout.Alignment);
            offsets[i] = offset;
            offset += parts[i].Layout.Size;
        }
        return offsets;
    }

    /// <summary>The .NET type each part of a record or tuple carried as <paramref name="clr"/> is carried as.</summary>
    private static Type[] PartTypes(Type clr, int count) =>
        IsDynamic(clr) ? Enumerable.Repeat(typeof(ComponentValue), count).ToArray() : ClrMapping.TupleElements(clr)!;

    private static bool IsBytes(ComponentValueType element) => element is PrimitiveType { Kind: PrimitiveKind.U8 };

    /// <summary>
    /// The element type a list of scalars is copied as in bulk, when its .NET element type is the scalar's
    /// natural one (the same bytes in memory as in the array), else null.
    /// </summary>
    private static Type? BulkElement(ComponentValueType element, Type clrElement) =>
        element is PrimitiveType { Kind: not (PrimitiveKind.Bool or PrimitiveKind.Char or PrimitiveKind.String or PrimitiveKind.ErrorContext) } p
        && ClrMapping.Scalar(p.Kind)[0] == clrElement
            ? clrElement
            : null;
}

/// <summary>A local holding one flat core value, of a (possibly joined) flat type.</summary>
internal sealed record FlatSlot(LocalBuilder Local, FlatType Type);

/// <summary>
/// Objects a stub needs at run time that IL cannot spell as literals (label arrays): collected while
/// emitting, read from a static field of the stub's type, set once the type is created.
/// </summary>
internal sealed class StubConstants(FieldInfo field)
{
    private readonly List<object> _values = [];

    public void Emit(CilWriter il, object value)
    {
        var index = _values.Count;
        _values.Add(value);
        il.Emit(OpCodes.Ldsfld, field);
        il.Int32(index);
        il.Emit(OpCodes.Ldelem_Ref);
        il.Emit(OpCodes.Castclass, value.GetType());
    }

    public void Install(Type created) => created.GetField(field.Name)!.SetValue(null, _values.ToArray());
}
