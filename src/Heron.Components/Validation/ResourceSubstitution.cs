namespace Heron.Components.Validation;

/// <summary>
/// Replaces resource types inside a resolved type: when a component is instantiated its imported resources
/// become the ones supplied and its own resources fresh ones, and a type imported twice gets fresh abstract
/// resources each time. Types that contain none of the replaced resources are returned as they are.
/// </summary>
internal sealed class ResourceSubstitution(
    IReadOnlyDictionary<ResourceType, ResourceType> map,
    IReadOnlyDictionary<ComponentValueType, ComponentValueType>? values = null)
{
    // A type used in several places is replaced by one copy, so a type exported under a name and the
    // functions using it still share it (printing WIT finds type names by identity).
    private readonly Dictionary<ComponentDefinedType, ComponentDefinedType> copies = new(ReferenceEqualityComparer.Instance);

    public bool IsEmpty => map.Count == 0 && (values == null || values.Count == 0);

    public ComponentExternType Apply(ComponentExternType type)
    {
        if (IsEmpty) return type;
        var replaced = Apply((object)type.Type);
        return ReferenceEquals(replaced, type.Type) ? type : new ComponentExternType(type.Kind, replaced);
    }

    private object Apply(object type) => type switch
    {
        ComponentDefinedType defined => Apply(defined),
        _ => type,
    };

    public ComponentDefinedType Apply(ComponentDefinedType type)
    {
        if (copies.TryGetValue(type, out var copy)) return copy;
        return copies[type] = Replace(type);
    }

    private ComponentDefinedType Replace(ComponentDefinedType type) => type switch
    {
        // A value type imported with an equality bound becomes the type supplied for it (the same
        // structure, but the supplier's name for it, which is what external visibility follows).
        ComponentValueType value when values != null && values.TryGetValue(value, out var supplied) => supplied,
        ResourceType resource => map.TryGetValue(resource.Canonical, out var to) ? to : resource,
        ComponentValueType value => ReplaceValue(value),
        ComponentFunctionType func => ReplaceFunc(func),
        ComponentInstanceType instance => Items(instance.Exports) is { } exports ? new ComponentInstanceType(exports) : instance,
        ComponentType component => Items(component.Imports) is var imports & Items(component.Exports) is var exports && (imports != null || exports != null)
            ? new ComponentType(imports ?? component.Imports, exports ?? component.Exports)
            : component,
        _ => type,
    };

    public ComponentFunctionType Apply(ComponentFunctionType func) => (ComponentFunctionType)Apply((ComponentDefinedType)func);

    private ComponentFunctionType ReplaceFunc(ComponentFunctionType func)
    {
        var changed = false;
        var parameters = func.Parameters.Select(p =>
        {
            var t = Apply(p.Type);
            changed |= !ReferenceEquals(t, p.Type);
            return ReferenceEquals(t, p.Type) ? p : new LabeledType(p.Label, t);
        }).ToArray();
        var result = func.Result == null ? null : Apply(func.Result);
        changed |= !ReferenceEquals(result, func.Result);
        return changed ? new ComponentFunctionType(parameters, result, func.IsAsync) : func;
    }

    private List<ComponentExternItem>? Items(IReadOnlyList<ComponentExternItem> items)
    {
        List<ComponentExternItem>? changed = null;
        for (var i = 0; i < items.Count; i++)
        {
            var type = Apply(items[i].Type);
            if (changed == null && ReferenceEquals(type, items[i].Type)) continue;
            changed ??= items.Take(i).ToList();
            changed.Add(ReferenceEquals(type, items[i].Type) ? items[i] : new ComponentExternItem(items[i].Name, type));
        }
        return changed;
    }

    public ComponentValueType Apply(ComponentValueType type) => (ComponentValueType)Apply((ComponentDefinedType)type);

    private ComponentValueType ReplaceValue(ComponentValueType type)
    {
        switch (type)
        {
            case HandleType handle:
                return map.TryGetValue(handle.Resource.Canonical, out var to) ? new HandleType(to, handle.IsBorrow) : handle;
            case RecordType record:
            {
                var fields = record.Fields.Select(f => Apply(f.Type)).ToArray();
                return Same(fields, record.Fields.Select(f => f.Type)) ? record
                    : new RecordType(record.Fields.Select((f, i) => new LabeledType(f.Label, fields[i])).ToArray());
            }
            case VariantType variant:
            {
                var cases = variant.Cases.Select(c => c.Type == null ? null : Apply(c.Type)).ToArray();
                return cases.Select((c, i) => ReferenceEquals(c, variant.Cases[i].Type)).All(x => x) ? variant
                    : new VariantType(variant.Cases.Select((c, i) => new VariantCase(c.Label, cases[i])).ToArray());
            }
            case ListType list:
                return Apply(list.Element) is var element && ReferenceEquals(element, list.Element) ? list : new ListType(element, list.FixedLength, list.IsMap);
            case TupleType tuple:
            {
                var types = tuple.Types.Select(Apply).ToArray();
                return Same(types, tuple.Types) ? tuple : new TupleType(types);
            }
            case OptionType option:
                return Apply(option.Type) is var inner && ReferenceEquals(inner, option.Type) ? option : new OptionType(inner);
            case ResultType result:
            {
                var ok = result.Ok == null ? null : Apply(result.Ok);
                var error = result.Error == null ? null : Apply(result.Error);
                return ReferenceEquals(ok, result.Ok) && ReferenceEquals(error, result.Error) ? result : new ResultType(ok, error);
            }
            default:
                return type;
        }
    }

    private static bool Same(IEnumerable<ComponentValueType> a, IEnumerable<ComponentValueType> b) => a.Zip(b).All(p => ReferenceEquals(p.First, p.Second));
}
