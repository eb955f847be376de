using Heron.Components.Canon;
using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>
/// Instantiates a component: walks its definitions in order, building each index space with runtime
/// objects (core instances of its modules, lifted and lowered functions, resource types of its own, nested
/// component instances) and collects its exports. Imports come from a lookup by name: the
/// linker's definitions for the outermost component, the <c>with</c> arguments for a nested one.
/// </summary>
internal sealed class ComponentInstantiator
{
    private readonly Store _store;
    private readonly ComponentClosure _closure;
    private readonly Func<string, object?> _imports;
    private readonly IndexSpaces _spaces;
    private readonly InstanceState _state;
    private readonly Dictionary<string, object> _exports = new(StringComparer.Ordinal);
    private readonly bool _interpret;
    private int _resourceCount;

    private ComponentInstantiator(Store store, ComponentClosure closure, Func<string, object?> imports, InstanceState? parent, bool interpret)
    {
        _interpret = interpret;
        _store = store;
        _closure = closure;
        _imports = imports;
        _spaces = new IndexSpaces(closure.Outer);
        _state = new InstanceState(parent);
    }

    /// <summary>
    /// Instantiates <paramref name="closure"/>; <paramref name="interpret"/> lifts and lowers by walking the
    /// types per value instead of running compiled code (the oracle the tests hold the compiled ABI against).
    /// </summary>
    public static ComponentInstance Instantiate(Store store, ComponentClosure closure, Func<string, object?> imports, InstanceState? parent,
        bool interpret = false)
    {
        var instantiator = new ComponentInstantiator(store, closure, imports, parent, interpret);
        foreach (var definition in closure.Ast.Definitions) instantiator.Define(definition);
        return new ComponentInstance(instantiator._exports, instantiator._state);
    }

    private void Define(ComponentDefinition definition)
    {
        switch (definition)
        {
            case CoreModuleDefinition module:
                _spaces.Add(Sort.CoreModule, _closure.Modules[module]);
                break;
            case CoreInstanceDefinition core:
                _spaces.Add(Sort.CoreInstance, InstantiateCore(core.Expression));
                break;
            case CoreTypeDefinition coreType:
                _spaces.Add(Sort.CoreType, new DeclaredCoreType(coreType.Type));
                break;
            case NestedComponentDefinition nested:
                _spaces.Add(Sort.Component, new ComponentClosure(nested.Component, _closure.Modules, _spaces));
                break;
            case InstanceDefinition instance:
                _spaces.Add(Sort.Instance, InstantiateNested(instance.Expression));
                break;
            case AliasDefinition alias:
                _spaces.Add(alias.Sort, ResolveAlias(alias.Sort, alias.Target));
                break;
            case DefTypeDefinition type:
                _spaces.Add(Sort.Type, type.Type is ResourceDef resource ? DefineResource(resource) : RuntimeTypes.Resolve(type.Type, _spaces));
                break;
            case CanonDefinition canon:
                DefineCanon(canon);
                break;
            case ImportDefinition import:
                _spaces.Add(import.Desc.Sort, Import(import));
                break;
            case ExportDefinition export:
            {
                var item = _spaces.Get(export.Item.Sort, export.Item.Index);
                _exports[export.Name.Name] = item;
                _spaces.Add(export.Item.Sort, item);
                break;
            }
            case StartDefinition:
                throw new LinkException("component start functions (a gated feature) are not supported");
            case ValueDefinition:
                throw new LinkException("component value definitions (a gated feature) are not supported");
            default:
                throw new LinkException($"unexpected component definition {definition.GetType().Name}");
        }
    }

    private CoreInstanceItems InstantiateCore(CoreInstanceExpr expression)
    {
        switch (expression)
        {
            case CoreInstantiate instantiate:
            {
                var module = _spaces.Get<Module>(Sort.CoreModule, instantiate.ModuleIndex);
                var arguments = instantiate.Args.ToDictionary(a => a.Name, a => _spaces.Get<CoreInstanceItems>(Sort.CoreInstance, a.InstanceIndex), StringComparer.Ordinal);
                using var linker = new Linker(_store.Engine);
                foreach (var import in module.Imports)
                {
                    if (!arguments.TryGetValue(import.Module, out var source))
                        throw new LinkException($"core module import '{import.Module}' is not supplied by the instantiation");
                    var item = source.Get(import.Name) ?? throw new LinkException($"core module import '{import.Module}' '{import.Name}' is not exported by the instance supplied");
                    linker.Define(import.Module, import.Name, item);
                }
                return new CoreInstanceItems(linker.Instantiate(_store, module));
            }
            case CoreInlineExports inline:
                return new CoreInstanceItems(inline.Exports.ToDictionary(e => e.Name, e => _spaces.Get<Extern>(e.Item.Sort, e.Item.Index), StringComparer.Ordinal));
            default:
                throw new LinkException($"unexpected core instance expression {expression.GetType().Name}");
        }
    }

    private ComponentInstance InstantiateNested(InstanceExpr expression)
    {
        switch (expression)
        {
            case Instantiate instantiate:
            {
                var closure = _spaces.Get<ComponentClosure>(Sort.Component, instantiate.ComponentIndex);
                var arguments = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var argument in instantiate.Args) arguments[argument.Name] = _spaces.Get(argument.Item.Sort, argument.Item.Index);
                return Instantiate(_store, closure, name => arguments.GetValueOrDefault(name), _state, _interpret);
            }
            case InlineExports inline:
            {
                var exports = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var export in inline.Exports) exports[export.Name.Name] = _spaces.Get(export.Item.Sort, export.Item.Index);
                return new ComponentInstance(exports, null);
            }
            default:
                throw new LinkException($"unexpected instance expression {expression.GetType().Name}");
        }
    }

    private object ResolveAlias(Sort sort, AliasTarget target) => target switch
    {
        ExportAlias export => _spaces.Get<ComponentInstance>(Sort.Instance, export.InstanceIndex).GetExport(export.Name)
            ?? throw new LinkException($"instance {export.InstanceIndex} has no export '{export.Name}'"),
        CoreExportAlias core => (object?)_spaces.Get<CoreInstanceItems>(Sort.CoreInstance, core.CoreInstanceIndex).Get(core.Name)
            ?? throw new LinkException($"core instance {core.CoreInstanceIndex} has no export '{core.Name}'"),
        OuterAlias outer => _spaces.OuterScope(outer.Count).Get(sort, outer.Index),
        _ => throw new LinkException($"unexpected alias {target.GetType().Name}"),
    };

    private ResourceType DefineResource(ResourceDef resource)
    {
        var destructor = resource.Destructor is { } index ? _spaces.Get<Function>(Sort.CoreFunc, index) : null;
        return new ResourceType($"resource{_resourceCount++}") { Implementation = _state, Destructor = destructor };
    }

    private void DefineCanon(CanonDefinition canon)
    {
        switch (canon)
        {
            case CanonLift lift:
            {
                var type = _spaces.Get<ComponentFunctionType>(Sort.Type, lift.TypeIndex);
                var core = _spaces.Get<Function>(Sort.CoreFunc, lift.CoreFuncIndex);
                var lifted = LiftedFunction.Create(type, core, new CanonicalAbi(Options(lift.Options), _state));
                _spaces.Add(Sort.Func, _interpret ? LiftedFunction.Interpreted(lifted) : lifted);
                break;
            }
            case CanonLower lower:
            {
                var callee = _spaces.Get<ComponentFunction>(Sort.Func, lower.FuncIndex);
                var abi = new CanonicalAbi(Options(lower.Options), _state);
                _spaces.Add(Sort.CoreFunc, _interpret && callee.Host is not CanonicalHostFunction
                    ? LoweredFunction.Interpreted(_store, callee, abi)
                    : LoweredFunction.Create(_store, callee, abi));
                break;
            }
            case CanonResourceNew resourceNew:
                _spaces.Add(Sort.CoreFunc, ResourceBuiltins.New(_store, _spaces.Get<ResourceType>(Sort.Type, resourceNew.TypeIndex), _state));
                break;
            case CanonResourceDrop drop:
                _spaces.Add(Sort.CoreFunc, ResourceBuiltins.Drop(_store, _spaces.Get<ResourceType>(Sort.Type, drop.TypeIndex), _state));
                break;
            case CanonResourceRep rep:
                _spaces.Add(Sort.CoreFunc, ResourceBuiltins.Rep(_store, _spaces.Get<ResourceType>(Sort.Type, rep.TypeIndex), _state));
                break;
            case CanonUnsupported unsupported:
                throw new UnsupportedFeatureException($"canon {unsupported.Name}");
            default:
                throw new LinkException($"unexpected canon definition {canon.GetType().Name}");
        }
    }

    private CanonOptions Options(IReadOnlyList<CanonOption> options)
    {
        var encoding = StringEncoding.Utf8;
        Memory? memory = null;
        Function? realloc = null, postReturn = null;
        foreach (var option in options)
        {
            switch (option.Kind)
            {
                case CanonOptionKind.Utf8: encoding = StringEncoding.Utf8; break;
                case CanonOptionKind.Utf16: encoding = StringEncoding.Utf16; break;
                case CanonOptionKind.Latin1Utf16: encoding = StringEncoding.Latin1Utf16; break;
                case CanonOptionKind.Memory: memory = _spaces.Get<Memory>(Sort.CoreMemory, option.Index); break;
                case CanonOptionKind.Realloc: realloc = _spaces.Get<Function>(Sort.CoreFunc, option.Index); break;
                case CanonOptionKind.PostReturn: postReturn = _spaces.Get<Function>(Sort.CoreFunc, option.Index); break;
                default: throw new UnsupportedFeatureException($"the canonical option {option}");
            }
        }
        return new CanonOptions { Encoding = encoding, Memory = memory, Realloc = realloc, PostReturn = postReturn };
    }

    private object Import(ImportDefinition import)
    {
        var name = import.Name.Name;
        // An instance import need not be supplied when it asks for nothing the host must provide (an
        // instance of types only, or empty, even recursively): binding it against an empty definition finds that out.
        // A type import with an equality bound is that type whatever the host says, so it needs no definition.
        var supplied = _imports(name)
            ?? (import.Desc.Kind == ExternDescKind.Instance ? new ComponentLinkerInstance(name) : null)
            ?? (import.Desc.Kind == ExternDescKind.Type && !import.Desc.IsSubResource ? (object)_spaces.Type(import.Desc.TypeIndex) : null)
            ?? throw new LinkException($"component import '{name}' is not defined");
        return ImportBinder.Bind(name, supplied, import.Desc, _spaces);
    }
}
