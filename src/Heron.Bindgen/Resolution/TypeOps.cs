using Heron.Bindgen.Model;

namespace Heron.Bindgen.Resolution;

/// <summary>Looking through aliases, once everything is resolved.</summary>
internal static class TypeOps
{
    /// <summary>
    /// The type a reference stands for: aliases followed to a record, variant, enum or flags definition, to an
    /// anonymous type, or to a resource (as an owned handle).
    /// </summary>
    public static WitType Normalize(WitType type)
    {
        for (var steps = 0; steps < 1000; steps++)
        {
            if (type is HandleType handle) return handle.Named.Kind == TypeDefinitionKind.Alias ? new HandleType(handle.Resource, handle.IsBorrow) : handle;
            if (type is not NamedType named) return type;
            var definition = named.Definition;
            if (definition.Kind == TypeDefinitionKind.Resource) return new HandleType(definition, isBorrow: false);
            if (definition.Kind != TypeDefinitionKind.Alias) return type;
            if (definition.Target is null) return type;
            type = definition.Target;
        }
        return type;
    }
}
