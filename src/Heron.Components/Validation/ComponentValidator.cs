using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>
/// Validates a decoded component per the component model (Explainer.md, Binary.md, CanonicalABI.md) and
/// resolves every definition to the resolved type model: index spaces are built in definition order, each
/// reference is checked against its index space, instantiations and exports are type-checked with resource
/// types bound as they are supplied. Errors are <see cref="ValidationException"/>s naming what is wrong and
/// the byte offset of the definition. Only the synchronous ABI is supported: async built-ins and types are
/// refused with an <see cref="UnsupportedFeatureException"/> (as are map types, 64-bit canonical memories and
/// the gated value and start definitions).
/// </summary>
internal sealed partial class ComponentValidator
{
    private readonly WasmFeatures features;
    private readonly ComponentFeatures componentFeatures;
    private readonly TypeDepth depths = new();

    /// <summary>For each component, instance and module type built here: the abstract resources it declares.</summary>
    private readonly Dictionary<ComponentDefinedType, IReadOnlyList<ResourceType>> owned = new(ReferenceEqualityComparer.Instance);

    /// <summary>For each component type: the abstract resources its imports declare, which instantiation binds.</summary>
    private readonly Dictionary<ComponentType, IReadOnlyList<ResourceType>> importResources = new(ReferenceEqualityComparer.Instance);

    private ComponentValidator(WasmFeatures features, ComponentFeatures componentFeatures)
    {
        this.features = features;
        this.componentFeatures = componentFeatures;
    }

    /// <summary>Validates with <paramref name="features"/> for the core modules and <paramref name="componentFeatures"/> for the gated parts of the component model.</summary>
    public static ValidatedComponent Validate(ComponentAst ast, WasmFeatures features = WasmFeatures.Wasm3, ComponentFeatures componentFeatures = ComponentFeatures.Default) =>
        new ComponentValidator(features, componentFeatures).ValidateComponent(ast, parent: null);

    private ValidatedComponent ValidateComponent(ComponentAst ast, Scope? parent)
    {
        var scope = new Scope(ScopeKind.Component, parent);
        foreach (var definition in ast.Definitions) ValidateDefinition(scope, definition);
        var type = new ComponentType(scope.Imports.ToArray(), scope.Exports.ToArray());
        owned[type] = scope.ImportCreatedResources.Concat(scope.OtherCreatedResources).ToArray();
        importResources[type] = scope.ImportCreatedResources.ToArray();
        return new ValidatedComponent
        {
            Ast = ast,
            Type = type,
            Types = scope.Types,
            Funcs = scope.Funcs,
            Components = scope.Components,
            Instances = scope.Instances,
            CoreModules = scope.CoreModules,
            CoreInstances = scope.CoreInstances,
            CoreFuncs = scope.CoreFuncs,
            CoreTables = scope.CoreTables,
            CoreMemories = scope.CoreMemories,
            CoreGlobals = scope.CoreGlobals,
            CoreTypes = scope.CoreTypes,
            NestedComponents = scope.NestedComponents,
            DefinedResources = scope.DefinedResources,
        };
    }

    private static ValidationException Error(string message, int offset) => new(message, -1, offset);

    private IReadOnlyList<ResourceType> OwnedBy(ComponentDefinedType type) => owned.TryGetValue(type, out var list) ? list : [];

    private TypeMatcher NewMatcher() => new(OwnedBy);

    private void ValidateDefinition(Scope scope, ComponentDefinition definition)
    {
        switch (definition)
        {
            case CoreModuleDefinition module:
                ValidateCoreModule(scope, module);
                break;
            case CoreInstanceDefinition instance:
                scope.CoreInstances.Add(ValidateCoreInstance(scope, instance));
                break;
            case CoreTypeDefinition coreType:
                scope.CoreTypes.Add(ResolveCoreType(scope, coreType.Type));
                break;
            case NestedComponentDefinition nested:
            {
                var validated = ValidateComponent(nested.Component, scope);
                scope.NestedComponents.Add(validated);
                scope.Components.Add(validated.Type);
                break;
            }
            case InstanceDefinition instance:
                scope.Instances.Add(ValidateInstance(scope, instance));
                break;
            case AliasDefinition alias:
                ValidateAlias(scope, alias.Sort, alias.Target, alias.Offset);
                break;
            case DefTypeDefinition type:
                scope.Types.Add(ResolveDefType(scope, type.Type));
                break;
            case CanonDefinition canon:
                ValidateCanon(scope, canon);
                break;
            case StartDefinition start:
                throw new UnsupportedFeatureException("component start functions (a gated feature, with value definitions)", start.Offset);
            case ValueDefinition value:
                throw new UnsupportedFeatureException("component value definitions (a gated feature)", value.Offset);
            case ImportDefinition import:
                AddImport(scope, import.Name, import.Desc, import.Offset);
                break;
            case ExportDefinition export:
                ValidateExport(scope, export);
                break;
        }
    }
}
