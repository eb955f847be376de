using System;
using System.Collections.Generic;

namespace Heron.Bindgen.Model;

/// <summary>
/// One import or export of a world: an interface (by its qualified name, or an inline one by its plain name)
/// or a function.
/// </summary>
internal sealed record WorldItem(string Key, InterfaceModel? Interface, FunctionModel? Function)
{
    /// <summary>True for a plain name (an inline interface or a function), which <c>include ... with</c> may rename.</summary>
    public bool IsPlain => Interface?.QualifiedName is null;
}

/// <summary>A resolved world: its imports and exports after includes and after adding the interfaces they use.</summary>
internal sealed class WorldModel(string name, PackageModel package, string? doc) : ITypeOwner
{
    public string Name { get; } = name;
    public PackageModel Package { get; } = package;
    public string? Doc { get; } = doc;
    public List<WorldItem> Imports { get; } = [];
    public List<WorldItem> Exports { get; } = [];
    public Dictionary<string, TypeDefinition> TypesByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<TypeDefinition> Types { get; } = [];

    public string QualifiedName => $"{Package.Namespace}:{Package.Name}/{Name}{(Package.Version is null ? "" : "@" + Package.Version)}";

    public override string ToString() => QualifiedName;
}
