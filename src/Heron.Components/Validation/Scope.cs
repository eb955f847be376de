using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>What kind of scope a set of index spaces belongs to; outer aliases count these outward.</summary>
internal enum ScopeKind { Component, ComponentType, InstanceType }

/// <summary>
/// The index spaces of one scope (a component, or a component or instance type being declared), built
/// incrementally as definitions are validated, plus the scope's imports and exports so far.
/// </summary>
internal sealed class Scope(ScopeKind kind, Scope? parent)
{
    public ScopeKind Kind { get; } = kind;

    public Scope? Parent { get; } = parent;

    public List<ComponentDefinedType> Types { get; } = [];
    public List<ComponentFunctionType> Funcs { get; } = [];
    public List<ComponentType> Components { get; } = [];
    public List<ComponentInstanceType> Instances { get; } = [];
    public List<CoreModuleType> CoreModules { get; } = [];
    public List<CoreInstanceType> CoreInstances { get; } = [];
    public List<FunctionType> CoreFuncs { get; } = [];
    public List<TableType> CoreTables { get; } = [];
    public List<MemoryType> CoreMemories { get; } = [];
    public List<GlobalType> CoreGlobals { get; } = [];
    public List<FunctionType> CoreTags { get; } = [];
    public List<object?> CoreTypes { get; } = [];

    public List<ComponentExternItem> Imports { get; } = [];
    public List<ComponentExternItem> Exports { get; } = [];
    public NameSet ImportNames { get; } = new("import");
    public NameSet ExportNames { get; } = new("export");

    /// <summary>Resources named by a type import (for <c>[method]r.m</c> and friends among the imports).</summary>
    public Dictionary<string, ResourceType> ImportedResources { get; } = [];

    /// <summary>Resources named by a type export.</summary>
    public Dictionary<string, ResourceType> ExportedResources { get; } = [];

    /// <summary>Resource types created in this scope by <c>(sub resource)</c> imports: instantiation binds them.</summary>
    public List<ResourceType> ImportCreatedResources { get; } = [];

    /// <summary>Resource types created in this scope otherwise: fresh for every use of the type that holds them.</summary>
    public List<ResourceType> OtherCreatedResources { get; } = [];

    public Dictionary<ResourceType, ResourceDef> DefinedResources { get; } = [];

    /// <summary>Types named by a type import: what imports may use (the external visibility rule).</summary>
    public HashSet<ComponentDefinedType> ImportNamedTypes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Types named by a type import or export: what exports may use.</summary>
    public HashSet<ComponentDefinedType> NamedTypes { get; } = new(ReferenceEqualityComparer.Instance);

    public List<ValidatedComponent> NestedComponents { get; } = [];

    public int Count(Sort sort) => sort switch
    {
        Sort.CoreFunc => CoreFuncs.Count,
        Sort.CoreTable => CoreTables.Count,
        Sort.CoreMemory => CoreMemories.Count,
        Sort.CoreGlobal => CoreGlobals.Count,
        Sort.CoreTag => CoreTags.Count,
        Sort.CoreType => CoreTypes.Count,
        Sort.CoreModule => CoreModules.Count,
        Sort.CoreInstance => CoreInstances.Count,
        Sort.Func => Funcs.Count,
        Sort.Value => 0,
        Sort.Type => Types.Count,
        Sort.Component => Components.Count,
        _ => Instances.Count,
    };
}
