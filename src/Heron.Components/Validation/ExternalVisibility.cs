namespace Heron.Components.Validation;

/// <summary>
/// The external visibility rule: the function and value types of an import or export may only use
/// resources, records, variants, enums and flags that have a name outside the component, that is, types
/// introduced by a type import (for imports) or a type import or export (for exports). An instance type names
/// the types it exports itself, so its functions may use those.
/// </summary>
internal static class ExternalVisibility
{
    /// <summary>The first type in <paramref name="type"/> without an external name, or null.</summary>
    public static ComponentDefinedType? FirstUnnamed(ComponentExternType type, IReadOnlySet<ComponentDefinedType> named)
    {
        return FirstUnnamed(type.Type, type.Kind, named);
    }

    private static ComponentDefinedType? FirstUnnamed(object type, ComponentExternKind kind, IReadOnlySet<ComponentDefinedType> named)
    {
        switch (type)
        {
            case ComponentFunctionType func:
                return Unnamed(func, named);
            case ComponentInstanceType instance:
            {
                var inner = new HashSet<ComponentDefinedType>(named, ReferenceEqualityComparer.Instance);
                foreach (var export in instance.Exports)
                {
                    if (export.Type.Kind == ComponentExternKind.Type && export.Type.Type is ComponentDefinedType defined)
                    {
                        if (defined is ComponentValueType value && Contents(value, inner) is { } hidden) return hidden;
                        inner.Add(defined);
                    }
                    else if (FirstUnnamed(export.Type, inner) is { } unnamed) return unnamed;
                }
                return null;
            }
            case ComponentValueType value when kind == ComponentExternKind.Type:
                return Contents(value, named);
            default:
                return null;
        }
    }

    private static ComponentDefinedType? Unnamed(ComponentFunctionType func, IReadOnlySet<ComponentDefinedType> named)
    {
        foreach (var parameter in func.Parameters)
            if (Unnamed(parameter.Type, named) is { } hidden) return hidden;
        return func.Result == null ? null : Unnamed(func.Result, named);
    }

    /// <summary>A type used by reference: nominal-like types need a name, the rest are looked into.</summary>
    private static ComponentDefinedType? Unnamed(ComponentValueType type, IReadOnlySet<ComponentDefinedType> named)
    {
        if (named.Contains(type)) return null;
        return type is RecordType or VariantType or EnumType or FlagsType ? type : Contents(type, named);
    }

    /// <summary>The parts of a type that is being named here.</summary>
    private static ComponentDefinedType? Contents(ComponentValueType type, IReadOnlySet<ComponentDefinedType> named)
    {
        if (type is HandleType handle) return named.Contains(handle.Resource) ? null : handle.Resource;
        IEnumerable<ComponentValueType?> parts = type switch
        {
            RecordType record => record.Fields.Select(f => f.Type),
            VariantType variant => variant.Cases.Select(c => c.Type),
            ListType list => [list.Element],
            TupleType tuple => tuple.Types,
            OptionType option => [option.Type],
            StreamType stream => [stream.Element],
            FutureType future => [future.Element],
            ResultType result => [result.Ok, result.Error],
            _ => [],
        };
        foreach (var part in parts)
            if (part != null && Unnamed(part, named) is { } hidden) return hidden;
        return null;
    }
}
