using System.Reflection.Emit;
using Heron.Compilation;

namespace Heron.Components.Canon.Emit;

/// <summary>Lowering: values of the host (or of another component) into core values and the callee's memory.</summary>
internal sealed partial class ValueEmitter
{
    /// <summary>Lowers the value <paramref name="load"/> pushes into <paramref name="slots"/> from <paramref name="index"/> on.</summary>
    public void LowerFlat(ComponentValueType type, Type clr, Action load, FlatSlot[] slots, int index)
    {
        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
            {
                var units = StoreString(clr, load);
                StoreSlot(slots[index], FlatType.I32);
                _il.LoadLocal(units);
                StoreSlot(slots[index + 1], FlatType.I32);
                return;
            }
            case PrimitiveType p:
                load();
                ScalarToCore(p.Kind, clr);
                StoreSlot(slots[index], p.Layout.Flat[0]);
                return;
            case ListType { FixedLength: { } length } fixedList:
            {
                var (list, listClr) = FixedElements(fixedList, clr, load, (int)length);
                var elementClr = ElementClr(listClr);
                var width = fixedList.Element.Layout.Flat.Count;
                for (var i = 0; i < length; i++)
                {
                    var at = _il.DeclareLocal(typeof(int));
                    _il.Int32(i);
                    _il.StoreLocal(at);
                    LowerFlat(fixedList.Element, elementClr, () => LoadElement(list, listClr, at), slots, index + i * width);
                }
                return;
            }
            case ListType list:
            {
                var count = StoreList(list.Element, clr, load);
                StoreSlot(slots[index], FlatType.I32);
                _il.LoadLocal(count);
                StoreSlot(slots[index + 1], FlatType.I32);
                return;
            }
            case RecordType or TupleType:
            {
                var parts = Parts(type);
                var partClrs = PartTypes(clr, parts.Count);
                var loaders = PartLoaders(type, clr, load);
                for (var i = 0; i < parts.Count; i++)
                {
                    LowerFlat(parts[i], partClrs[i], loaders[i], slots, index);
                    index += parts[i].Layout.Flat.Count;
                }
                return;
            }
            case FlagsType flags:
                load();
                LoadConstant(flags.Names.ToArray());
                _il.Call(Runtime(nameof(CanonRuntime.PackFlags)));
                StoreSlot(slots[index], FlatType.I32);
                return;
            case HandleType handle:
                LowerHandle(handle, clr, load);
                StoreSlot(slots[index], FlatType.I32);
                return;
            default:
                LowerFlatVariant(type, load, slots, index);
                return;
        }
    }

    private void LowerFlatVariant(ComponentValueType type, Action load, FlatSlot[] slots, int index)
    {
        var cases = VariantCases.Of(type);
        var caseIndex = CaseIndexOf(type, load);
        _il.LoadLocal(caseIndex);
        StoreSlot(slots[index], FlatType.I32);
        // Slots no case fills stay zero, as the canonical ABI fills them.
        for (var i = index + 1; i < index + type.Layout.Flat.Count; i++)
        {
            switch (slots[i].Type)
            {
                case FlatType.I32: _il.Int32(0); break;
                case FlatType.I64: _il.Int64(0); break;
                case FlatType.F32: _il.Float32(0); break;
                default: _il.Float64(0); break;
            }
            _il.StoreLocal(slots[i].Local);
        }
        EachCase(cases, caseIndex, (c, payloadType) =>
        {
            if (payloadType == null) return;
            var payload = CasePayload(type, load);
            LowerFlat(payloadType, typeof(ComponentValue), () => _il.LoadLocal(payload), slots, index + 1);
        });
    }

    /// <summary>Stores the value <paramref name="load"/> pushes at <paramref name="pointer"/> + <paramref name="offset"/>.</summary>
    public void Store(ComponentValueType type, Type clr, Action load, LocalBuilder pointer, int offset)
    {
        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
            {
                var units = StoreString(clr, load);
                var begin = Spill(typeof(int));
                StoreWord(pointer, offset, () => _il.LoadLocal(begin));
                StoreWord(pointer, offset + 4, () => _il.LoadLocal(units));
                return;
            }
            case PrimitiveType p:
            {
                // The value is computed before the memory and address are pushed: converting it may throw.
                load();
                ScalarToCore(p.Kind, clr);
                var flat = p.Layout.Flat[0];
                var value = Spill(SlotType(flat));
                LoadMemory();
                Address(pointer, offset);
                _il.LoadLocal(value);
                _il.Call(StoreHelper(p.Layout.Size, flat));
                return;
            }
            case ListType { FixedLength: { } length } fixedList:
            {
                var (list, listClr) = FixedElements(fixedList, clr, load, (int)length);
                var elementClr = ElementClr(listClr);
                var size = fixedList.Element.Layout.Size;
                for (var i = 0; i < length; i++)
                {
                    var at = _il.DeclareLocal(typeof(int));
                    _il.Int32(i);
                    _il.StoreLocal(at);
                    Store(fixedList.Element, elementClr, () => LoadElement(list, listClr, at), pointer, offset + i * size);
                }
                return;
            }
            case ListType list:
            {
                var count = StoreList(list.Element, clr, load);
                var begin = Spill(typeof(int));
                StoreWord(pointer, offset, () => _il.LoadLocal(begin));
                StoreWord(pointer, offset + 4, () => _il.LoadLocal(count));
                return;
            }
            case RecordType or TupleType:
            {
                var parts = Parts(type);
                var partClrs = PartTypes(clr, parts.Count);
                var offsets = PartOffsets(parts);
                var loaders = PartLoaders(type, clr, load);
                for (var i = 0; i < parts.Count; i++) Store(parts[i], partClrs[i], loaders[i], pointer, offset + offsets[i]);
                return;
            }
            case FlagsType flags:
            {
                load();
                LoadConstant(flags.Names.ToArray());
                _il.Call(Runtime(nameof(CanonRuntime.PackFlags)));
                var bits = Spill(typeof(int));
                LoadMemory();
                Address(pointer, offset);
                _il.LoadLocal(bits);
                _il.Call(StoreHelper(type.Layout.Size, FlatType.I32));
                return;
            }
            case HandleType handle:
            {
                LowerHandle(handle, clr, load);
                var index = Spill(typeof(int));
                StoreWord(pointer, offset, () => _il.LoadLocal(index));
                return;
            }
            default:
            {
                var cases = VariantCases.Of(type);
                var layout = type.Layout;
                var caseIndex = CaseIndexOf(type, load);
                LoadMemory();
                Address(pointer, offset);
                _il.LoadLocal(caseIndex);
                _il.Call(StoreHelper(layout.DiscriminantSize, FlatType.I32));
                EachCase(cases, caseIndex, (c, payloadType) =>
                {
                    if (payloadType == null) return;
                    var payload = CasePayload(type, load);
                    Store(payloadType, typeof(ComponentValue), () => _il.LoadLocal(payload), pointer, offset + layout.PayloadOffset);
                });
                return;
            }
        }
    }

    private void StoreWord(LocalBuilder pointer, int offset, Action value)
    {
        LoadMemory();
        Address(pointer, offset);
        value();
        _il.Call(Runtime(nameof(CanonRuntime.Store32)));
    }

    /// <summary>Stores a string in the callee's memory; leaves the pointer on the stack and returns the local holding its length.</summary>
    private LocalBuilder StoreString(Type clr, Action load)
    {
        var units = _il.DeclareLocal(typeof(uint));
        LoadAbi();
        load();
        _il.LoadLocalAddress(units);
        _il.Call(Runtime(IsDynamic(clr) ? nameof(CanonRuntime.StoreStringValue) : nameof(CanonRuntime.StoreString)));
        return units;
    }

    /// <summary>Stores a list's elements in newly allocated memory; leaves the pointer on the stack and returns the local holding the count.</summary>
    private LocalBuilder StoreList(ComponentValueType element, Type clr, Action load)
    {
        var count = _il.DeclareLocal(typeof(int));
        if (IsDynamic(clr) && IsBytes(element))
        {
            LoadAbi();
            load();
            _il.LoadLocalAddress(count);
            _il.Call(Runtime(nameof(CanonRuntime.StoreBytesValue)));
            return count;
        }
        var listClr = IsDynamic(clr) ? typeof(IReadOnlyList<ComponentValue>) : clr;
        var elementClr = ElementClr(listClr);
        if (listClr.IsArray && BulkElement(element, elementClr) is { } bulk)
        {
            LoadAbi();
            load();
            _il.LoadLocalAddress(count);
            _il.Call(Runtime(nameof(CanonRuntime.StoreScalars)).MakeGenericMethod(bulk));
            return count;
        }
        load();
        if (IsDynamic(clr)) _il.Call(Runtime(nameof(CanonRuntime.ListElements)));
        else _il.Call(NotNullFor(listClr));
        var list = Spill(listClr);
        LoadCount(list, listClr);
        _il.StoreLocal(count);
        var layout = element.Layout;
        LoadAbi();
        _il.LoadLocal(count);
        _il.Int32(layout.Size);
        _il.Int32(layout.Alignment);
        _il.Call(Runtime(nameof(CanonRuntime.AllocateList)));
        var pointer = Spill(typeof(int));
        ForEachElement(pointer, count, layout.Size, (index, at) => Store(element, elementClr, () => LoadElement(list, listClr, index), at, 0));
        _il.LoadLocal(pointer);
        return count;
    }

    private static System.Reflection.MethodInfo NotNullFor(Type listClr) =>
        typeof(CanonRuntime).GetMethods().Single(m => m.Name == nameof(CanonRuntime.NotNull)
            && m.GetParameters()[0].ParameterType.IsArray == listClr.IsArray).MakeGenericMethod(ElementClr(listClr));

    private static Type ElementClr(Type listClr) =>
        listClr == typeof(IReadOnlyList<ComponentValue>) ? typeof(ComponentValue) : ClrMapping.ElementOf(listClr)!;

    /// <summary>The elements of a fixed-length list value, checked for their number, in a local; and the type of that local.</summary>
    private (LocalBuilder List, Type ListClr) FixedElements(ListType type, Type clr, Action load, int length)
    {
        load();
        if (IsDynamic(clr))
        {
            _il.Int32(length);
            LoadConstant(TypeText(type));
            _il.Call(Runtime(nameof(CanonRuntime.Elements)));
            return (Spill(typeof(IReadOnlyList<ComponentValue>)), typeof(IReadOnlyList<ComponentValue>));
        }
        if (!clr.IsArray)
        {
            // A List<T> for a fixed-length list: checked through its array.
            _il.Call(NotNullFor(clr));
            _il.Call(clr.GetMethod("ToArray")!);
            clr = ClrMapping.ElementOf(clr)!.MakeArrayType();
        }
        _il.Int32(length);
        _il.Call(Runtime(nameof(CanonRuntime.FixedLength)).MakeGenericMethod(clr.GetElementType()!));
        return (Spill(clr), clr);
    }

    /// <summary>Loaders of the parts of a record or tuple value: fields of a value tuple, or elements of a dynamic value checked against the type.</summary>
    private Action[] PartLoaders(ComponentValueType type, Type clr, Action load)
    {
        var count = Parts(type).Count;
        if (!IsDynamic(clr))
        {
            load();
            var tuple = Spill(clr);
            return Enumerable.Range(0, count).Select(i => (Action)(() =>
            {
                _il.LoadLocalAddress(tuple);
                _il.Load(clr.GetField($"Item{i + 1}")!);
            })).ToArray();
        }
        load();
        if (type is RecordType record)
        {
            LoadConstant(FieldLabels(record));
            _il.Call(Runtime(nameof(CanonRuntime.Fields)));
        }
        else
        {
            _il.Int32(count);
            LoadConstant(TypeText(type));
            _il.Call(Runtime(nameof(CanonRuntime.Elements)));
        }
        var parts = Spill(typeof(IReadOnlyList<ComponentValue>));
        return Enumerable.Range(0, count).Select(i => (Action)(() =>
        {
            _il.LoadLocal(parts);
            _il.Int32(i);
            _il.Call(ListItem);
        })).ToArray();
    }

    private LocalBuilder CaseIndexOf(ComponentValueType type, Action load)
    {
        load();
        LoadConstant(CaseLabels(type));
        LoadConstant(TypeText(type));
        _il.Call(Runtime(nameof(CanonRuntime.CaseIndex)));
        return Spill(typeof(int));
    }

    private LocalBuilder CasePayload(ComponentValueType type, Action load)
    {
        load();
        LoadConstant(TypeText(type));
        _il.Call(Runtime(nameof(CanonRuntime.CasePayload)));
        return Spill(typeof(ComponentValue));
    }

    /// <summary>A switch over a case index: <paramref name="body"/> emits each case's code (given its index and payload type).</summary>
    private void EachCase(VariantCases cases, LocalBuilder caseIndex, Action<int, ComponentValueType?> body)
    {
        var labels = new Label[cases.Count];
        for (var i = 0; i < labels.Length; i++) labels[i] = _il.DefineLabel();
        var end = _il.DefineLabel();
        _il.LoadLocal(caseIndex);
        _il.Emit(OpCodes.Switch, labels);
        _il.Emit(OpCodes.Br, end);
        for (var i = 0; i < labels.Length; i++)
        {
            _il.Mark(labels[i]);
            body(i, cases.PayloadType(i));
            _il.Emit(OpCodes.Br, end);
        }
        _il.Mark(end);
    }

    /// <summary>Pushes the i32 a handle becomes in the callee's table.</summary>
    private void LowerHandle(HandleType handle, Type clr, Action load)
    {
        if (handle.IsBorrow)
        {
            LoadInstance();
            _il.LoadLocal(Scope ?? throw new InvalidOperationException("a signature lending borrows needs a scope"));
        }
        else LoadInstance();
        load();
        if (IsDynamic(clr)) _il.Call(Value(nameof(ComponentValue.AsResource), Type.EmptyTypes));
        LoadResource(handle.Resource);
        _il.Call(CilTypes.Method(typeof(HandleOps), handle.IsBorrow ? nameof(HandleOps.LowerBorrow) : nameof(HandleOps.LowerOwn)));
    }
}
