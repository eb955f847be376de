using System.Collections.Generic;

namespace Heron.Bindgen.Model;

internal enum TypeDefinitionKind { Record, Variant, Enum, Flags, Resource, Alias }

/// <summary>A named field of a record, or a parameter of a function.</summary>
internal sealed record Field(string Name, WitType Type, string? Doc);

/// <summary>A case of a variant (with an optional payload) or of an enum, or a flag.</summary>
internal sealed record Case(string Name, WitType? Payload, string? Doc);

/// <summary>
/// A named type of an interface or world. An alias (<c>type t = ...</c>, or a name brought in by <c>use</c>) has a
/// <see cref="Target"/>; the others their fields, cases, flags or, for a resource, its functions.
/// </summary>
internal sealed class TypeDefinition(string name, TypeDefinitionKind kind, ITypeOwner owner, string? doc)
{
    public string Name { get; } = name;
    public TypeDefinitionKind Kind { get; } = kind;
    public ITypeOwner Owner { get; } = owner;
    public string? Doc { get; } = doc;

    public List<Field> Fields { get; } = [];
    public List<Case> Cases { get; } = [];

    /// <summary>The aliased type (for a <c>use</c>, a <see cref="NamedType"/> of the definition used).</summary>
    public WitType? Target { get; set; }

    /// <summary>True for a name brought in by <c>use</c>: the generated code names the original type.</summary>
    public bool IsUse { get; init; }

    /// <summary>A resource's constructor, methods and static functions, in the order written.</summary>
    public List<FunctionModel> Functions { get; } = [];

    /// <summary>Where the name was written, for diagnostics.</summary>
    public WitLocation Location { get; init; } = WitLocation.None;

    /// <summary>The definition an alias chain ends at (the definition itself when it is no alias).</summary>
    public TypeDefinition Unaliased()
    {
        var definition = this;
        for (var steps = 0; definition.Kind == TypeDefinitionKind.Alias && definition.Target is NamedType named && steps < 1000; steps++)
            definition = named.Definition;
        return definition;
    }

    public override string ToString() => Name;
}
