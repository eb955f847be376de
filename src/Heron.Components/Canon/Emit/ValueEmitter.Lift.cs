using System.Reflection.Emit;
using Heron.Compilation;

namespace Heron.Components.Canon.Emit;

/// <summary>Lifting: core values and the caller's memory into values of the host (or of another component).</summary>
internal sealed partial class ValueEmitter
{
    /// <summary>Pushes the value of <paramref name="type"/>, carried as <paramref name="clr"/>, that <paramref name="slots"/> hold from <paramref name="index"/> on.</summary>
    public void LiftFlat(ComponentValueType type, Type clr, FlatSlot[] slots, int index)
    {
        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
                LoadAbi();
                LoadSlot(slots[index], FlatType.I32);
                LoadSlot(slots[index + 1], FlatType.I32);
                _il.Call(Runtime(IsDynamic(clr) ? nameof(CanonRuntime.LoadStringValue) : nameof(CanonRuntime.LoadString)));
                return;
            case PrimitiveType p:
                LoadSlot(slots[index], p.Layout.Flat[0]);
                CoreToScalar(p.Kind, clr);
                return;
            case ListType { FixedLength: { } length } fixedList:
            {
                var width = fixedList.Element.Layout.Flat.Count;
                BuildList(fixedList.Element, clr, (int)length, i => LiftFlat(fixedList.Element, ElementOfCarrier(clr), slots, index + i * width));
                return;
            }
            case ListType list:
            {
                LoadSlot(slots[index], FlatType.I32);
                var pointer = Spill(typeof(int));
                LoadSlot(slots[index + 1], FlatType.I32);
                var count = Spill(typeof(int));
                LoadList(list.Element, clr, pointer, count);
                return;
            }
            case RecordType or TupleType:
            {
                var parts = Parts(type);
                var partClrs = PartTypes(clr, parts.Count);
                var starts = new int[parts.Count];
                for (var i = 0; i < parts.Count; i++)
                {
                    starts[i] = index;
                    index += parts[i].Layout.Flat.Count;
                }
                BuildParts(type, clr, i => LiftFlat(parts[i], partClrs[i], slots, starts[i]));
                return;
            }
            case FlagsType flags:
                LoadSlot(slots[index], FlatType.I32);
                LoadConstant(flags.Names.ToArray());
                _il.Call(Runtime(nameof(CanonRuntime.UnpackFlags)));
                return;
            case HandleType handle:
                LoadSlot(slots[index], FlatType.I32);
                LiftHandle(handle, clr);
                return;
            default:
            {
                LoadSlot(slots[index], FlatType.I32);
                var caseIndex = Spill(typeof(int));
                BuildCase(type, caseIndex, payloadType => LiftFlat(payloadType, typeof(ComponentValue), slots, index + 1));
                return;
            }
        }
    }

    /// <summary>Pushes the value of <paramref name="type"/>, carried as <paramref name="clr"/>, stored at <paramref name="pointer"/> + <paramref name="offset"/>.</summary>
    public void Load(ComponentValueType type, Type clr, LocalBuilder pointer, int offset)
    {
        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
                LoadAbi();
                LoadUnsigned(4, pointer, offset);
                LoadUnsigned(4, pointer, offset + 4);
                _il.Call(Runtime(IsDynamic(clr) ? nameof(CanonRuntime.LoadStringValue) : nameof(CanonRuntime.LoadString)));
                return;
            case PrimitiveType p:
                LoadScalarFromMemory(p.Kind, pointer, offset);
                CoreToScalar(p.Kind, clr);
                return;
            case ListType { FixedLength: { } length } fixedList:
            {
                var size = fixedList.Element.Layout.Size;
                BuildList(fixedList.Element, clr, (int)length, i => Load(fixedList.Element, ElementOfCarrier(clr), pointer, offset + i * size));
                return;
            }
            case ListType list:
            {
                LoadUnsigned(4, pointer, offset);
                var begin = Spill(typeof(int));
                LoadUnsigned(4, pointer, offset + 4);
                var count = Spill(typeof(int));
                LoadList(list.Element, clr, begin, count);
                return;
            }
            case RecordType or TupleType:
            {
                var parts = Parts(type);
                var partClrs = PartTypes(clr, parts.Count);
                var offsets = PartOffsets(parts);
                BuildParts(type, clr, i => Load(parts[i], partClrs[i], pointer, offset + offsets[i]));
                return;
            }
            case FlagsType flags:
                LoadUnsigned(type.Layout.Size, pointer, offset);
                LoadConstant(flags.Names.ToArray());
                _il.Call(Runtime(nameof(CanonRuntime.UnpackFlags)));
                return;
            case HandleType handle:
                LoadUnsigned(4, pointer, offset);
                LiftHandle(handle, clr);
                return;
            default:
            {
                var layout = type.Layout;
                LoadUnsigned(layout.DiscriminantSize, pointer, offset);
                var caseIndex = Spill(typeof(int));
                BuildCase(type, caseIndex, payloadType => Load(payloadType, typeof(ComponentValue), pointer, offset + layout.PayloadOffset));
                return;
            }
        }
    }

    /// <summary>Pushes a list read from memory (pointer and count in locals), checked for its length, bounds and alignment.</summary>
    private void LoadList(ComponentValueType element, Type clr, LocalBuilder pointer, LocalBuilder count)
    {
        var layout = element.Layout;
        if (IsDynamic(clr) && IsBytes(element))
        {
            LoadAbi();
            _il.LoadLocal(pointer);
            _il.LoadLocal(count);
            _il.Call(Runtime(nameof(CanonRuntime.LoadBytesValue)));
            return;
        }
        var elementClr = ElementOfCarrier(clr);
        if (!IsDynamic(clr) && BulkElement(element, elementClr) is { } bulk)
        {
            LoadAbi();
            _il.LoadLocal(pointer);
            _il.LoadLocal(count);
            _il.Call(bulk == typeof(float) ? Runtime(nameof(CanonRuntime.LoadF32s))
                : bulk == typeof(double) ? Runtime(nameof(CanonRuntime.LoadF64s))
                : Runtime(nameof(CanonRuntime.LoadScalars)).MakeGenericMethod(bulk));
            WrapArray(clr, elementClr);
            return;
        }
        LoadAbi();
        _il.LoadLocal(pointer);
        _il.LoadLocal(count);
        _il.Int32(layout.Size);
        _il.Int32(layout.Alignment);
        _il.Call(Runtime(nameof(CanonRuntime.CheckList)));
        _il.LoadLocal(count);
        _il.Emit(OpCodes.Newarr, elementClr);
        var array = Spill(elementClr.MakeArrayType());
        ForEachElement(pointer, count, layout.Size, (index, at) =>
        {
            _il.LoadLocal(array);
            _il.LoadLocal(index);
            Load(element, elementClr, at, 0);
            _il.Emit(OpCodes.Stelem, elementClr);
        });
        _il.LoadLocal(array);
        if (IsDynamic(clr)) _il.Call(Runtime(nameof(CanonRuntime.List)));
        else WrapArray(clr, elementClr);
    }

    /// <summary>Pushes a list of a fixed number of elements, each pushed by <paramref name="element"/>.</summary>
    private void BuildList(ComponentValueType elementType, Type clr, int length, Action<int> element)
    {
        var elementClr = ElementOfCarrier(clr);
        _il.Int32(length);
        _il.Emit(OpCodes.Newarr, elementClr);
        var array = Spill(elementClr.MakeArrayType());
        for (var i = 0; i < length; i++)
        {
            _il.LoadLocal(array);
            _il.Int32(i);
            element(i);
            _il.Emit(OpCodes.Stelem, elementClr);
        }
        _il.LoadLocal(array);
        if (IsDynamic(clr)) _il.Call(Runtime(nameof(CanonRuntime.List)));
        else WrapArray(clr, elementClr);
    }

    /// <summary>An array on the stack as the list type the host asked for (the array itself, or a List over a copy).</summary>
    private void WrapArray(Type clr, Type elementClr)
    {
        if (clr.IsArray) return;
        _il.Generator.Emit(OpCodes.Newobj, clr.GetConstructor([typeof(IEnumerable<>).MakeGenericType(elementClr)])!);
    }

    /// <summary>The .NET type a list carried as <paramref name="clr"/> carries its elements as.</summary>
    private static Type ElementOfCarrier(Type clr) => IsDynamic(clr) ? typeof(ComponentValue) : ClrMapping.ElementOf(clr)!;

    /// <summary>Pushes a record or tuple whose parts <paramref name="part"/> pushes in order.</summary>
    private void BuildParts(ComponentValueType type, Type clr, Action<int> part)
    {
        var count = Parts(type).Count;
        if (!IsDynamic(clr))
        {
            for (var i = 0; i < count; i++) part(i);
            _il.Generator.Emit(OpCodes.Newobj, clr.GetConstructor(ClrMapping.TupleElements(clr)!)!);
            return;
        }
        _il.Int32(count);
        _il.Emit(OpCodes.Newarr, typeof(ComponentValue));
        var values = Spill(typeof(ComponentValue[]));
        for (var i = 0; i < count; i++)
        {
            _il.LoadLocal(values);
            _il.Int32(i);
            part(i);
            _il.Emit(OpCodes.Stelem_Ref);
        }
        if (type is RecordType record)
        {
            LoadConstant(FieldLabels(record));
            _il.LoadLocal(values);
            _il.Call(Runtime(nameof(CanonRuntime.Record)));
        }
        else
        {
            _il.LoadLocal(values);
            _il.Call(Runtime(nameof(CanonRuntime.Tuple)));
        }
    }

    /// <summary>
    /// Pushes the variant-like value whose case index is in <paramref name="caseIndex"/>: checked against the
    /// number of cases, then the case's payload pushed by <paramref name="payload"/>.
    /// </summary>
    private void BuildCase(ComponentValueType type, LocalBuilder caseIndex, Action<ComponentValueType> payload)
    {
        var cases = VariantCases.Of(type);
        _il.LoadLocal(caseIndex);
        _il.Int32(cases.Count);
        _il.Call(Runtime(nameof(CanonRuntime.CheckDiscriminant)));
        var result = _il.DeclareLocal(typeof(ComponentValue));
        EachCase(cases, caseIndex, (index, payloadType) =>
        {
            var label = cases.Label(index);
            switch (type)
            {
                case EnumType:
                    _il.Generator.Emit(OpCodes.Ldstr, label);
                    _il.Call(Value(nameof(ComponentValue.Enum), typeof(string)));
                    break;
                case OptionType when payloadType == null:
                    _il.Call(typeof(ComponentValue).GetProperty(nameof(ComponentValue.None))!.GetMethod!);
                    break;
                case OptionType:
                    payload(payloadType!);
                    _il.Call(Value(nameof(ComponentValue.Some), typeof(ComponentValue)));
                    break;
                case ResultType:
                    PushPayload(payload, payloadType);
                    _il.Call(Value(index == 0 ? nameof(ComponentValue.Ok) : nameof(ComponentValue.Error), typeof(ComponentValue)));
                    break;
                default:
                    _il.Generator.Emit(OpCodes.Ldstr, label);
                    PushPayload(payload, payloadType);
                    _il.Call(Value(nameof(ComponentValue.Variant), typeof(string), typeof(ComponentValue)));
                    break;
            }
            _il.StoreLocal(result);
        });
        _il.LoadLocal(result);
    }

    private void PushPayload(Action<ComponentValueType> payload, ComponentValueType? payloadType)
    {
        if (payloadType == null) _il.Emit(OpCodes.Ldnull);
        else payload(payloadType);
    }

    /// <summary>The i32 on the stack, an index into the table of the instance lifting it, as the handle it names.</summary>
    private void LiftHandle(HandleType handle, Type clr)
    {
        var index = Spill(typeof(int));
        LoadInstance();
        if (handle.IsBorrow) _il.LoadLocal(Scope ?? throw new InvalidOperationException("a signature lifting borrows needs a scope"));
        _il.LoadLocal(index);
        LoadResource(handle.Resource);
        _il.Call(CilTypes.Method(typeof(HandleOps), handle.IsBorrow ? nameof(HandleOps.LiftBorrow) : nameof(HandleOps.LiftOwn)));
        if (IsDynamic(clr)) _il.Call(Runtime(nameof(CanonRuntime.Resource)));
    }
}
