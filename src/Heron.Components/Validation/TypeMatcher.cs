namespace Heron.Components.Validation;

/// <summary>
/// Type equality and subtyping of resolved component types. Value and function types are equal when
/// structurally equal; instance, component and module types are subtypes when they export more and import
/// less. Resources are nominal, except that matching an abstract <c>(sub resource)</c> export or import binds it
/// to the resource on the other side (<see cref="Bindings"/>), which later comparisons then treat as equal.
/// Each check returns null when it holds, else a message saying where the types differ.
/// </summary>
internal sealed class TypeMatcher(Func<ComponentDefinedType, IReadOnlyList<ResourceType>> ownedResources)
{
    private readonly HashSet<ResourceType> bindable = new(ReferenceEqualityComparer.Instance);

    /// <summary>Lets the abstract resources of a type (its <c>(sub resource)</c> declarations) be bound.</summary>
    public void AllowBinding(IEnumerable<ResourceType> resources)
    {
        foreach (var resource in resources) bindable.Add(resource);
    }

    /// <summary>Abstract resources bound so far to the resource they stand for.</summary>
    public Dictionary<ResourceType, ResourceType> Bindings { get; } = new(ReferenceEqualityComparer.Instance);

    public ResourceType Resolve(ResourceType type)
    {
        type = type.Canonical;
        while (Bindings.TryGetValue(type, out var bound) && !ReferenceEquals(bound, type)) type = bound;
        return type;
    }

    public string? ExternSubtype(ComponentExternType actual, ComponentExternType expected)
    {
        if (expected.Type is ResourceType abstractType && actual.Type is ResourceType supplied
            && bindable.Contains(abstractType.Canonical) && !Bindings.ContainsKey(abstractType.Canonical))
            Bind(abstractType, supplied);
        if (actual.Kind != expected.Kind)
            return $"expected {Describe(expected.Kind)}, found {Describe(actual.Kind)}";
        return (actual.Type, expected.Type) switch
        {
            (CoreModuleType a, CoreModuleType e) => ModuleSubtype(a, e),
            (ComponentDefinedType a, ComponentDefinedType e) => DefinedEqual(a, e),
            _ => "type mismatch",
        };
    }

    private string? ResourceMatch(ResourceType actual, ResourceType expected)
    {
        if (ReferenceEquals(Resolve(actual), Resolve(expected))) return null;
        return "resource types are not the same";
    }

    /// <summary>Binds an abstract resource (an import or a <c>(sub resource)</c> export) to the one supplied.</summary>
    public void Bind(ResourceType abstractType, ResourceType actual)
    {
        if (!ReferenceEquals(abstractType.Canonical, actual.Canonical)) Bindings[abstractType.Canonical] = actual.Canonical;
    }

    private static string Describe(ComponentExternKind kind) => kind switch
    {
        ComponentExternKind.CoreModule => "module",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public string? DefinedEqual(ComponentDefinedType actual, ComponentDefinedType expected) => (actual, expected) switch
    {
        (ResourceType a, ResourceType e) => ResourceMatch(a, e),
        // A type compared as a whole names a primitive by its class; one inside another type by its name (as wasm-tools words them).
        (ComponentValueType a and not PrimitiveType, PrimitiveType) => $"expected primitive, found {Kind(a)}",
        (ComponentValueType a, ComponentValueType e) => ValueEqual(a, e),
        (ComponentFunctionType a, ComponentFunctionType e) => FuncEqual(a, e),
        (ComponentInstanceType a, ComponentInstanceType e) => InstanceSubtype(a, e),
        (ComponentType a, ComponentType e) => ComponentSubtype(a, e),
        (ResourceType, _) => $"expected {DefinedKind(expected)}, found resource",
        (_, ResourceType) => $"expected resource, found {DefinedKind(actual)}",
        _ => $"expected {DefinedKind(expected)}, found {DefinedKind(actual)}",
    };

    private static string DefinedKind(ComponentDefinedType type) => type switch
    {
        ComponentValueType => "defined type",
        ComponentFunctionType => "func",
        ComponentInstanceType => "instance",
        ComponentType => "component",
        _ => "resource",
    };

    public string? FuncEqual(ComponentFunctionType actual, ComponentFunctionType expected)
    {
        if (actual.Parameters.Count != expected.Parameters.Count) return "expected " + expected.Parameters.Count + " parameters, found " + actual.Parameters.Count;
        for (var i = 0; i < actual.Parameters.Count; i++)
        {
            var (a, e) = (actual.Parameters[i], expected.Parameters[i]);
            if (a.Label != e.Label) return $"expected parameter named `{e.Label}`, found `{a.Label}`";
            if (ValueEqual(a.Type, e.Type) is { } error) return $"type mismatch in function parameter `{e.Label}`: {error}";
        }
        if ((actual.Result == null) != (expected.Result == null)) return "expected a result, found none";
        if (actual.Result != null && ValueEqual(actual.Result, expected.Result!) is { } resultError) return $"type mismatch with result type: {resultError}";
        return null;
    }

    public string? ValueEqual(ComponentValueType actual, ComponentValueType expected)
    {
        if (ReferenceEquals(actual, expected)) return null;
        switch (actual, expected)
        {
            case (PrimitiveType a, PrimitiveType e):
                return a.Kind == e.Kind ? null : $"expected primitive `{e}` found primitive `{a}`";
            case (_, PrimitiveType e):
                return $"expected {e}, found {Kind(actual)}";
            case (RecordType a, RecordType e):
                if (a.Fields.Count != e.Fields.Count) return $"expected {e.Fields.Count} fields, found {a.Fields.Count}";
                for (var i = 0; i < a.Fields.Count; i++)
                {
                    if (a.Fields[i].Label != e.Fields[i].Label) return $"expected field name `{e.Fields[i].Label}`, found `{a.Fields[i].Label}`";
                    if (ValueEqual(a.Fields[i].Type, e.Fields[i].Type) is { } error) return $"type mismatch in record field `{e.Fields[i].Label}`: {error}";
                }
                return null;
            case (VariantType a, VariantType e):
                if (a.Cases.Count != e.Cases.Count) return $"expected {e.Cases.Count} cases, found {a.Cases.Count}";
                for (var i = 0; i < a.Cases.Count; i++)
                {
                    if (a.Cases[i].Label != e.Cases[i].Label) return $"expected case named `{e.Cases[i].Label}`, found `{a.Cases[i].Label}`";
                    if (e.Cases[i].Type != null && a.Cases[i].Type == null) return $"expected case `{e.Cases[i].Label}` to have a type, found none";
                    if (e.Cases[i].Type == null && a.Cases[i].Type != null) return $"expected case `{e.Cases[i].Label}` to have no type";
                    if (OptionalEqual(a.Cases[i].Type, e.Cases[i].Type) is { } error) return $"type mismatch in variant case `{e.Cases[i].Label}`: {error}";
                }
                return null;
            case (ListType a, ListType e):
                if (a.IsMap != e.IsMap) return $"expected {Kind(e)}, found {Kind(a)}";
                if (a.FixedLength != e.FixedLength) return "mismatch in list lengths";
                return ValueEqual(a.Element, e.Element);
            case (TupleType a, TupleType e):
                if (a.Types.Count != e.Types.Count) return $"expected {e.Types.Count} types, found {a.Types.Count}";
                for (var i = 0; i < a.Types.Count; i++)
                    if (ValueEqual(a.Types[i], e.Types[i]) is { } error) return $"type mismatch in tuple field {i}: {error}";
                return null;
            case (FlagsType a, FlagsType e):
                return a.Names.SequenceEqual(e.Names) ? null : "mismatch in flags elements";
            case (EnumType a, EnumType e):
                return a.Cases.SequenceEqual(e.Cases) ? null : "mismatch in enum elements";
            case (OptionType a, OptionType e):
                return ValueEqual(a.Type, e.Type) is { } optionError ? $"type mismatch in option: {optionError}" : null;
            case (ResultType a, ResultType e):
                if (e.Ok == null && a.Ok != null) return "expected ok type to not be present";
                if (e.Ok != null && a.Ok == null) return "expected ok type, but found none";
                if (e.Error == null && a.Error != null) return "expected err type to not be present";
                if (e.Error != null && a.Error == null) return "expected err type, but found none";
                if (OptionalEqual(a.Ok, e.Ok) is { } ok) return $"type mismatch in ok variant: {ok}";
                if (OptionalEqual(a.Error, e.Error) is { } err) return $"type mismatch in err variant: {err}";
                return null;
            case (HandleType a, HandleType e):
                if (a.IsBorrow != e.IsBorrow) return e.IsBorrow ? "expected borrow, found own" : "expected own, found borrow";
                return ResourceMatch(a.Resource, e.Resource);
            default:
                return $"expected {Kind(expected)}, found {Kind(actual)}";
        }
    }

    private static string Kind(ComponentValueType type) => type switch
    {
        PrimitiveType p => p.ToString(),
        RecordType => "record",
        VariantType => "variant",
        ListType { IsMap: true } => "map",
        ListType => "list",
        TupleType => "tuple",
        FlagsType => "flags",
        EnumType => "enum",
        OptionType => "option",
        ResultType => "result",
        HandleType h => h.IsBorrow ? "borrow" : "own",
        _ => type.GetType().Name,
    };

    private string? OptionalEqual(ComponentValueType? actual, ComponentValueType? expected)
    {
        if (actual == null && expected == null) return null;
        if (actual == null || expected == null) return expected == null ? "expected no payload" : "expected a payload";
        return ValueEqual(actual, expected);
    }

    /// <summary>The actual instance exports at least what the expected one does, each a subtype.</summary>
    public string? InstanceSubtype(ComponentInstanceType actual, ComponentInstanceType expected)
    {
        AllowBinding(ownedResources(expected));
        foreach (var export in expected.Exports)
        {
            var found = actual.Find(export.Name);
            if (found == null) return $"missing expected export `{export.Name}`";
            if (ExternSubtype(found.Type, export.Type) is { } error) return $"type mismatch in instance export `{export.Name}`: {error}";
        }
        return null;
    }

    /// <summary>The actual component imports at most what the expected one does and exports at least as much.</summary>
    public string? ComponentSubtype(ComponentType actual, ComponentType expected)
    {
        AllowBinding(ownedResources(expected));
        AllowBinding(ownedResources(actual));
        foreach (var import in actual.Imports)
        {
            var found = expected.Imports.FirstOrDefault(i => i.Name == import.Name);
            if (found == null) return $"missing expected import `{import.Name}`";
            if (ExternSubtype(found.Type, import.Type) is { } error) return $"type mismatch in import `{import.Name}`: {error}";
        }
        foreach (var export in expected.Exports)
        {
            var found = actual.Exports.FirstOrDefault(e => e.Name == export.Name);
            if (found == null) return $"missing expected export `{export.Name}`";
            if (ExternSubtype(found.Type, export.Type) is { } error) return $"type mismatch in export `{export.Name}`: {error}";
        }
        return null;
    }

    public static string? ModuleSubtype(CoreModuleType actual, CoreModuleType expected)
    {
        foreach (var import in actual.Imports)
        {
            var found = expected.Imports.FirstOrDefault(i => i.Module == import.Module && i.Name == import.Name);
            if (found == null) return $"missing expected import `{import.Module}::{import.Name}`";
            if (CoreTypes.ImportSubtype(found, import) is { } error) return $"type mismatch in import `{import.Module}::{import.Name}`: {error}";
        }
        foreach (var export in expected.Exports)
        {
            var found = actual.Exports.FirstOrDefault(e => e.Name == export.Name);
            if (found == null) return $"missing expected export `{export.Name}`";
            if (CoreTypes.ExportSubtype(found, export) is { } error) return $"type mismatch in export `{export.Name}`: {error}";
        }
        return null;
    }
}
