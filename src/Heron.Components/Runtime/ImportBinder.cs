using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>
/// Turns what was supplied for an import into the runtime item the import's description calls for: a host
/// handler becomes a function of the declared type, a linker instance becomes an instance whose functions
/// take their declared types and whose resource types are the host's.
/// </summary>
internal static class ImportBinder
{
    public static object Bind(string name, object supplied, ExternDesc desc, IndexSpaces scope)
    {
        switch (desc.Kind)
        {
            case ExternDescKind.Func:
                return supplied switch
                {
                    ComponentFunction function => function,
                    HostFunctionHandler handler => ComponentFunction.FromHost(scope.Get<ComponentFunctionType>(Sort.Type, desc.TypeIndex), handler),
                    TypedHostFunction typed => typed.Bind(scope.Get<ComponentFunctionType>(Sort.Type, desc.TypeIndex)),
                    CanonicalHostFunction flat => ComponentFunction.FromHost(scope.Get<ComponentFunctionType>(Sort.Type, desc.TypeIndex), flat),
                    _ => throw Mismatch(name, "a function", supplied),
                };
            case ExternDescKind.Instance:
                return supplied switch
                {
                    ComponentInstance instance => instance,
                    ComponentLinkerInstance host => BindHostInstance(name, host, scope.Get<DeclaredInstanceType>(Sort.Type, desc.TypeIndex)),
                    _ => throw Mismatch(name, "an instance", supplied),
                };
            case ExternDescKind.Type:
                if (desc.IsSubResource)
                    return supplied as ResourceType ?? throw Mismatch(name, "a resource type", supplied);
                return supplied as ComponentDefinedType ?? throw Mismatch(name, "a type", supplied);
            case ExternDescKind.CoreModule:
            {
                var module = supplied as Module ?? throw Mismatch(name, "a core module", supplied);
                if (scope.Get<ComponentDefinedType>(Sort.CoreType, desc.TypeIndex) is DeclaredCoreType { Definition: CoreModuleTypeDef declared }
                    && Validation.ModuleTypeCheck.Mismatch(module, declared) is { } why)
                    throw new LinkException($"component import '{name}': {why}");
                return module;
            }
            case ExternDescKind.Component:
                return supplied as ComponentClosure ?? throw Mismatch(name, "a component", supplied);
            default:
                throw new LinkException($"import '{name}': value imports (a gated feature) are not supported");
        }
    }

    private static ComponentInstance BindHostInstance(string name, ComponentLinkerInstance host, DeclaredInstanceType declared)
    {
        var scope = new IndexSpaces(declared.Scope);
        var exports = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var declaration in declared.Definition.Declarations)
        {
            switch (declaration)
            {
                case CoreTypeDeclaration coreType:
                    scope.Add(Sort.CoreType, new DeclaredCoreType(coreType.Type));
                    break;
                case TypeDeclaration type:
                    scope.Add(Sort.Type, RuntimeTypes.Resolve(type.Type, scope));
                    break;
                case AliasDeclaration { Target: OuterAlias outer } alias:
                    scope.Add(alias.Sort, scope.OuterScope(outer.Count).Get(alias.Sort, outer.Index));
                    break;
                case AliasDeclaration alias:
                    throw new LinkException($"import '{name}': an {alias.Target.GetType().Name} inside an instance type is not supported");
                case ExportDeclaration export:
                {
                    var exportName = export.Name.Name;
                    object item;
                    if (export.Desc.Kind == ExternDescKind.Type && !export.Desc.IsSubResource)
                    {
                        // An equality bound fixes the type; a resource the host also defines must be that one.
                        item = scope.Type(export.Desc.TypeIndex);
                        if (item is ResourceType bound && host.Find(exportName) is ResourceType hostType && !ReferenceEquals(bound, hostType))
                            throw new LinkException($"import '{name}': mismatched resource types for '{exportName}'");
                    }
                    else
                    {
                        // A nested instance the host left out may still ask for nothing (as at the top level).
                        var supplied = host.Find(exportName)
                            ?? (export.Desc.Kind == ExternDescKind.Instance ? new ComponentLinkerInstance(exportName) : null)
                            ?? throw new LinkException($"import '{name}' needs '{exportName}', which the host does not define");
                        item = Bind($"{name}#{exportName}", supplied, export.Desc, scope);
                    }
                    exports[exportName] = item;
                    scope.Add(export.Desc.Sort, item);
                    break;
                }
                default:
                    throw new LinkException($"import '{name}': unexpected declaration {declaration.GetType().Name}");
            }
        }
        return new ComponentInstance(exports, null);
    }

    private static LinkException Mismatch(string name, string expected, object supplied) =>
        new($"component import '{name}' needs {expected}, but {Describe(supplied)} was supplied");

    private static string Describe(object item) => item switch
    {
        ComponentFunction or HostFunctionHandler or TypedHostFunction or CanonicalHostFunction => "a function",
        ComponentInstance or ComponentLinkerInstance => "an instance",
        ResourceType => "a resource type",
        ComponentDefinedType => "a type",
        Module => "a core module",
        _ => item.GetType().Name,
    };
}
