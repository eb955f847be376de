using System;
using System.Collections.Generic;

namespace Heron.Bindgen.Model;

/// <summary>Something that holds named types: an interface, or a world (its own type definitions).</summary>
internal interface ITypeOwner
{
    string Name { get; }
    Dictionary<string, TypeDefinition> TypesByName { get; }
    List<TypeDefinition> Types { get; }
}

/// <summary>
/// A resolved interface: its types (its own and those it uses, in order) and functions. A named interface of a
/// package has a <see cref="QualifiedName"/> (<c>ns:pkg/name@version</c>); an inline interface of a world has
/// none and is imported or exported under its plain name.
/// </summary>
internal sealed class InterfaceModel(string name, PackageModel? package, string? doc) : ITypeOwner
{
    public string Name { get; } = name;
    public PackageModel? Package { get; } = package;
    public string? Doc { get; } = doc;
    public Dictionary<string, TypeDefinition> TypesByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<TypeDefinition> Types { get; } = [];
    public List<FunctionModel> Functions { get; } = [];

    /// <summary>The interfaces whose types this one uses (they are imported with it).</summary>
    public List<InterfaceModel> Uses { get; } = [];

    public string? QualifiedName => Package is null ? null
        : $"{Package.Namespace}:{Package.Name}/{Name}{(Package.Version is null ? "" : "@" + Package.Version)}";

    public override string ToString() => QualifiedName ?? Name;
}
