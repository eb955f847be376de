using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>Component instances and aliases, and the types of items referred to by <c>sortidx</c>.</summary>
internal sealed partial class ComponentValidator
{
    private ComponentInstanceType ValidateInstance(Scope scope, InstanceDefinition instance)
    {
        var offset = instance.Offset;
        switch (instance.Expression)
        {
            case Instantiate instantiate:
            {
                if ((uint)instantiate.ComponentIndex >= (uint)scope.Components.Count) throw Error($"unknown component {instantiate.ComponentIndex}: component index out of bounds", offset);
                var component = scope.Components[instantiate.ComponentIndex];
                var args = new Dictionary<string, ComponentExternType>();
                foreach (var arg in instantiate.Args)
                {
                    if (args.Keys.FirstOrDefault(k => NameSet.Canonical(k) == NameSet.Canonical(arg.Name)) is { } earlier)
                        throw Error($"instantiation argument `{arg.Name}` conflicts with previous argument `{earlier}`", offset);
                    args[arg.Name] = ItemType(scope, arg.Item, offset);
                }
                var matcher = NewMatcher();
                matcher.AllowBinding(importResources.TryGetValue(component, out var imported) ? imported : []);
                foreach (var import in component.Imports)
                {
                    if (!args.TryGetValue(import.Name, out var supplied)) throw Error($"missing import named `{import.Name}`", offset);
                    if (matcher.ExternSubtype(supplied, import.Type) is { } mismatch) throw Error($"type mismatch for import `{import.Name}`: {mismatch}", offset);
                }
                return new ComponentInstanceType(Instantiated(component, matcher, args).ToArray());
            }
            case InlineExports inline:
            {
                var names = new NameSet("export");
                var exports = new List<ComponentExternItem>();
                var resources = new Dictionary<string, ResourceType>();
                foreach (var export in inline.Exports)
                {
                    if (export.Item.Sort.IsCore() && export.Item.Sort != Sort.CoreModule)
                        throw Error($"{export.Item.Sort.Describe()} not valid to be used as export", offset);
                    var type = Exported(ItemType(scope, export.Item, offset));
                    var parsed = CheckExternName(export.Name, KindOf(type.Kind), offset);
                    if (names.Add(export.Name.Name) is { } clash) throw Error(clash, offset);
                    // As in a component's exports: annotated functions must use the resource this instance names.
                    if (type.Type is ResourceType resource && parsed.Kind == ExternNameKind.Label) resources[parsed.Label] = resource;
                    if (type.Kind is ComponentExternKind.Func) CheckAnnotatedFunction(resources, parsed, (ComponentFunctionType)type.Type, offset);
                    exports.Add(new ComponentExternItem(export.Name.Name, type));
                }
                return new ComponentInstanceType(exports);
            }
            default:
                throw Error("unexpected instance expression", offset);
        }
    }

    /// <summary>
    /// The exports of an instantiation: imported resources become the ones supplied, and the resources the
    /// component creates itself are fresh for this instance.
    /// </summary>
    private IEnumerable<ComponentExternItem> Instantiated(ComponentType component, TypeMatcher matcher, Dictionary<string, ComponentExternType> args)
    {
        var values = new Dictionary<ComponentValueType, ComponentValueType>(ReferenceEqualityComparer.Instance);
        foreach (var import in component.Imports)
            if (import.Type is { Kind: ComponentExternKind.Type, Type: ComponentValueType bound } && args[import.Name].Type is ComponentValueType supplied)
                values.TryAdd(bound, supplied);
        var map = new Dictionary<ResourceType, ResourceType>(ReferenceEqualityComparer.Instance);
        foreach (var (from, _) in matcher.Bindings) map[from] = matcher.Resolve(from);
        var imported = importResources.TryGetValue(component, out var list) ? list : [];
        foreach (var resource in OwnedBy(component))
            if (!imported.Contains(resource, ReferenceEqualityComparer.Instance) && !map.ContainsKey(resource)) map[resource] = new ResourceType(resource.Name);
        var substitution = new ResourceSubstitution(map, values);
        return component.Exports.Select(e => new ComponentExternItem(e.Name, substitution.Apply(e.Type)));
    }

    /// <summary>The type of the item a <c>sortidx</c> refers to, as it would be imported or exported.</summary>
    private static ComponentExternType ItemType(Scope scope, SortIndex item, int offset)
    {
        var index = item.Index;
        if ((uint)index >= (uint)scope.Count(item.Sort)) throw Error($"{item.Sort.Describe()} index out of bounds", offset);
        return item.Sort switch
        {
            Sort.Func => new ComponentExternType(ComponentExternKind.Func, scope.Funcs[index]),
            Sort.Type => new ComponentExternType(ComponentExternKind.Type, scope.Types[index]),
            Sort.Component => new ComponentExternType(ComponentExternKind.Component, scope.Components[index]),
            Sort.Instance => new ComponentExternType(ComponentExternKind.Instance, scope.Instances[index]),
            Sort.CoreModule => new ComponentExternType(ComponentExternKind.CoreModule, scope.CoreModules[index]),
            _ => throw Error($"{item.Sort.Describe()} not valid to be used here", offset),
        };
    }

    private void ValidateAlias(Scope scope, Sort sort, AliasTarget target, int offset)
    {
        switch (target)
        {
            case ExportAlias export:
            {
                if ((uint)export.InstanceIndex >= (uint)scope.Instances.Count) throw Error("instance index out of bounds", offset);
                var found = scope.Instances[export.InstanceIndex].Find(export.Name)
                    ?? throw Error($"instance {export.InstanceIndex} has no export named `{export.Name}`", offset);
                if (SortOf(found.Type.Kind) != sort)
                    throw Error($"export `{export.Name}` for instance {export.InstanceIndex} is not a {(sort == Sort.CoreModule ? "module" : sort.Describe())}", offset);
                AddToIndexSpace(scope, found.Type);
                break;
            }
            case CoreExportAlias coreExport:
            {
                if ((uint)coreExport.CoreInstanceIndex >= (uint)scope.CoreInstances.Count) throw Error("core instance index out of bounds", offset);
                var found = scope.CoreInstances[coreExport.CoreInstanceIndex].Find(coreExport.Name)
                    ?? throw Error($"core instance {coreExport.CoreInstanceIndex} has no export named `{coreExport.Name}`", offset);
                AddCoreExport(scope, sort, found, $"export `{coreExport.Name}` of core instance {coreExport.CoreInstanceIndex}", offset);
                break;
            }
            case OuterAlias outer:
                AddOuterAlias(scope, sort, outer, offset);
                break;
        }
    }

    private static Sort SortOf(ComponentExternKind kind) => kind switch
    {
        ComponentExternKind.CoreModule => Sort.CoreModule,
        ComponentExternKind.Func => Sort.Func,
        ComponentExternKind.Value => Sort.Value,
        ComponentExternKind.Type => Sort.Type,
        ComponentExternKind.Component => Sort.Component,
        _ => Sort.Instance,
    };

    private void AddOuterAlias(Scope scope, Sort sort, OuterAlias outer, int offset)
    {
        var target = scope;
        var crossesComponent = false;
        for (var i = 0; i < outer.Count; i++)
        {
            crossesComponent |= target.Kind == ScopeKind.Component;
            target = target.Parent ?? throw Error($"invalid outer alias count of {outer.Count}", offset);
        }
        if ((uint)outer.Index >= (uint)target.Count(sort)) throw Error($"{sort.Describe()} index out of bounds", offset);
        switch (sort)
        {
            case Sort.CoreModule: scope.CoreModules.Add(target.CoreModules[outer.Index]); break;
            case Sort.CoreType: scope.CoreTypes.Add(target.CoreTypes[outer.Index]); break;
            case Sort.Component: scope.Components.Add(target.Components[outer.Index]); break;
            case Sort.Type:
            {
                var type = target.Types[outer.Index];
                // A resource belongs to one component instance: a nested component cannot name its parent's.
                if (crossesComponent && RefersToResources(type, [])) throw Error("outer type alias transitively refers to resources not defined in the current component", offset);
                scope.Types.Add(type);
                break;
            }
            default:
                throw Error($"outer item `{sort.Describe()}` is not a module, type, or component", offset);
        }
    }

    /// <summary>
    /// Whether <paramref name="type"/> mentions a resource other than those in <paramref name="declared"/>:
    /// component and instance types may use the abstract resources they declare themselves, but not one
    /// from outside (through an equality bound), which would tie the type to an instance.
    /// </summary>
    private bool RefersToResources(ComponentDefinedType type, IReadOnlyCollection<ResourceType> declared) => type switch
    {
        ResourceType resource => !declared.Contains(resource.Canonical, ReferenceEqualityComparer.Instance),
        ComponentValueType value => AnyPart(value, t => t is HandleType handle && !declared.Contains(handle.Resource.Canonical, ReferenceEqualityComparer.Instance)),
        ComponentFunctionType func => func.Parameters.Any(p => RefersToResources(p.Type, declared)) || (func.Result != null && RefersToResources(func.Result, declared)),
        ComponentType component => component.Imports.Concat(component.Exports).Any(item => ItemRefersToResources(item, [.. declared, .. OwnedBy(component)])),
        ComponentInstanceType instance => instance.Exports.Any(item => ItemRefersToResources(item, [.. declared, .. OwnedBy(instance)])),
        _ => false,
    };

    private bool ItemRefersToResources(ComponentExternItem item, IReadOnlyCollection<ResourceType> declared) =>
        item.Type.Type is ComponentDefinedType defined && RefersToResources(defined, declared);
}
