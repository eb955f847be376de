using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>Type definitions: defined value types, function types, component and instance types, resources.</summary>
internal sealed partial class ComponentValidator
{
    private ComponentDefinedType ResolveDefType(Scope scope, DefType type)
    {
        var resolved = ResolveDefTypeShape(scope, type);
        if (resolved is ComponentValueType value && depths.Of(value) > TypeDepth.Limit) throw Error("type nesting is too deep", type.Offset);
        return resolved;
    }

    private ComponentDefinedType ResolveDefTypeShape(Scope scope, DefType type)
    {
        switch (type)
        {
            case FuncTypeDef func:
                return ResolveFuncType(scope, func);
            case ComponentTypeDef component:
                return ResolveComponentType(scope, component);
            case InstanceTypeDef instance:
                return ResolveInstanceType(scope, instance);
            case ResourceDef resource:
                return DefineResource(scope, resource);
            default:
                return ResolveDefValType(scope, type);
        }
    }

    private ComponentValueType ResolveDefValType(Scope scope, DefType type)
    {
        switch (type)
        {
            case PrimitiveDef primitive:
                return Primitive(primitive.Type, primitive.Offset);
            case RecordDef record:
            {
                if (record.Fields.Count == 0) throw Error("record type must have at least one field", record.Offset);
                var names = new NameSet("record field", "field");
                var fields = record.Fields.Select(f =>
                {
                    CheckLabel(names, f.Label, "record field", record.Offset);
                    return new LabeledType(f.Label, ResolveValType(scope, f.Type, record.Offset));
                }).ToArray();
                return new RecordType(fields);
            }
            case VariantDef variant:
            {
                if (variant.Cases.Count == 0) throw Error("variant type must have at least one case", variant.Offset);
                var names = new NameSet("variant case", "case");
                var cases = variant.Cases.Select(c =>
                {
                    CheckLabel(names, c.Label, "variant case", variant.Offset);
                    return new VariantCase(c.Label, c.Type is { } t ? ResolveValType(scope, t, variant.Offset) : null);
                }).ToArray();
                return new VariantType(cases);
            }
            case ListDef list:
            {
                var element = ResolveValType(scope, list.Element, list.Offset);
                if (list.FixedLength is { } length && length == 0) throw Error("fixed size list length must be greater than zero", list.Offset);
                return new ListType(element, list.FixedLength is { } n ? (uint)n : null);
            }
            case TupleDef tuple:
                if (tuple.Types.Count == 0) throw Error("tuple type must have at least one type", tuple.Offset);
                return new TupleType(tuple.Types.Select(t => ResolveValType(scope, t, tuple.Offset)).ToArray());
            case FlagsDef flags:
            {
                if (flags.Labels.Count == 0) throw Error("flags must have at least one entry", flags.Offset);
                if (flags.Labels.Count > 32) throw Error("cannot have more than 32 flags", flags.Offset);
                var names = new NameSet("flag", "flag");
                foreach (var label in flags.Labels) CheckLabel(names, label, "flag", flags.Offset);
                return new FlagsType(flags.Labels);
            }
            case EnumDef enumeration:
            {
                if (enumeration.Labels.Count == 0) throw Error("enum type must have at least one variant", enumeration.Offset);
                var names = new NameSet("enum tag", "tag");
                foreach (var label in enumeration.Labels) CheckLabel(names, label, "enum tag", enumeration.Offset);
                return new EnumType(enumeration.Labels);
            }
            case OptionDef option:
                return new OptionType(ResolveValType(scope, option.Type, option.Offset));
            case ResultDef result:
                return new ResultType(
                    result.Ok is { } ok ? ResolveValType(scope, ok, result.Offset) : null,
                    result.Error is { } error ? ResolveValType(scope, error, result.Offset) : null);
            case OwnDef own:
                return new HandleType(ResourceAt(scope, own.TypeIndex, own.Offset), isBorrow: false);
            case BorrowDef borrow:
                return new HandleType(ResourceAt(scope, borrow.TypeIndex, borrow.Offset), isBorrow: true);
            case StreamDef { Element.Primitive: PrimitiveValType.Char }:
                // Streams of char are reserved (text streams are to be streams of string bytes): invalid, not merely unsupported.
                throw Error("`stream<char>` is not valid at this time", type.Offset);
            case StreamDef stream:
            {
                var element = stream.Element is { } e ? ResolveValType(scope, e, stream.Offset) : null;
                if (element is PrimitiveType { Kind: PrimitiveKind.Char }) throw Error("`stream<char>` is not valid at this time", type.Offset);
                return new StreamType(element);
            }
            case FutureDef future:
                return new FutureType(future.Element is { } value ? ResolveValType(scope, value, future.Offset) : null);
            case MapDef map:
                if (!componentFeatures.HasFlag(ComponentFeatures.Maps)) throw Error("Maps require the component model map feature", map.Offset);
                return ListType.Map(ResolveValType(scope, map.Key, map.Offset), ResolveValType(scope, map.Value, map.Offset));
            default:
                throw Error("unexpected type definition", type.Offset);
        }
    }

    private static PrimitiveType Primitive(PrimitiveValType type, int offset) => type switch
    {
        PrimitiveValType.Bool => PrimitiveType.Bool,
        PrimitiveValType.S8 => PrimitiveType.S8,
        PrimitiveValType.U8 => PrimitiveType.U8,
        PrimitiveValType.S16 => PrimitiveType.S16,
        PrimitiveValType.U16 => PrimitiveType.U16,
        PrimitiveValType.S32 => PrimitiveType.S32,
        PrimitiveValType.U32 => PrimitiveType.U32,
        PrimitiveValType.S64 => PrimitiveType.S64,
        PrimitiveValType.U64 => PrimitiveType.U64,
        PrimitiveValType.F32 => PrimitiveType.F32,
        PrimitiveValType.F64 => PrimitiveType.F64,
        PrimitiveValType.Char => PrimitiveType.Char,
        PrimitiveValType.String => PrimitiveType.String,
        _ => throw new UnsupportedFeatureException("`error-context`, part of the asynchronous ABI", offset),
    };

    private static void CheckLabel(NameSet names, string label, string what, int offset)
    {
        if (ExternNames.CheckLabel(label, what) is { } error) throw Error(error, offset);
        if (names.Add(label) is { } clash) throw Error(clash, offset);
    }

    private static ComponentValueType ResolveValType(Scope scope, ValType type, int offset)
    {
        if (type.Primitive is { } primitive) return Primitive(primitive, offset);
        var defined = TypeAt(scope, type.TypeIndex, offset);
        return defined as ComponentValueType ?? throw Error($"type index {type.TypeIndex} is not a defined type", offset);
    }

    private static ComponentDefinedType TypeAt(Scope scope, int index, int offset) =>
        (uint)index < (uint)scope.Types.Count ? scope.Types[index] : throw Error("type index out of bounds", offset);

    private static ResourceType ResourceAt(Scope scope, int index, int offset) =>
        TypeAt(scope, index, offset) as ResourceType ?? throw Error($"type index {index} is not a resource type", offset);

    private ComponentFunctionType ResolveFuncType(Scope scope, FuncTypeDef func)
    {
        if (func.Async) throw new UnsupportedFeatureException("async function types, part of the asynchronous ABI", func.Offset);
        var names = new NameSet("function parameter", "parameter");
        var parameters = func.Params.Select(p =>
        {
            CheckLabel(names, p.Label, "function parameter", func.Offset);
            return new LabeledType(p.Label, ResolveValType(scope, p.Type, func.Offset));
        }).ToArray();
        var result = func.Result is { } r ? ResolveValType(scope, r, func.Offset) : null;
        if (result != null && ContainsBorrow(result)) throw Error("function result cannot contain a `borrow` type", func.Offset);
        return new ComponentFunctionType(parameters, result);
    }

    private static bool ContainsBorrow(ComponentValueType type) => AnyPart(type, t => t is HandleType { IsBorrow: true });

    /// <summary>Whether the type or any type it is made of satisfies <paramref name="test"/>.</summary>
    private static bool AnyPart(ComponentValueType type, Func<ComponentValueType, bool> test) => test(type) || type switch
    {
        RecordType record => record.Fields.Any(f => AnyPart(f.Type, test)),
        VariantType variant => variant.Cases.Any(c => c.Type != null && AnyPart(c.Type, test)),
        ListType list => AnyPart(list.Element, test),
        TupleType tuple => tuple.Types.Any(t => AnyPart(t, test)),
        OptionType option => AnyPart(option.Type, test),
        ResultType result => (result.Ok != null && AnyPart(result.Ok, test)) || (result.Error != null && AnyPart(result.Error, test)),
        _ => false,
    };

    private static ResourceType DefineResource(Scope scope, ResourceDef resource)
    {
        if (scope.Kind != ScopeKind.Component) throw Error("resources can only be defined within a concrete component", resource.Offset);
        if (resource.Representation != ValueType.I32) throw Error("resources can only be represented by `i32`", resource.Offset);
        if (resource.Destructor is { } destructor)
        {
            if ((uint)destructor >= (uint)scope.CoreFuncs.Count) throw Error("core function index out of bounds", resource.Offset);
            var type = scope.CoreFuncs[destructor];
            if (type.Parameters is not [{ Kind: ValueKind.I32 }] || type.Results.Count != 0) throw Error("wrong signature for a destructor", resource.Offset);
        }
        var defined = new ResourceType("resource");
        scope.DefinedResources[defined] = resource;
        scope.OtherCreatedResources.Add(defined);
        return defined;
    }

    private ComponentType ResolveComponentType(Scope parent, ComponentTypeDef component)
    {
        var scope = new Scope(ScopeKind.ComponentType, parent);
        foreach (var declaration in component.Declarations) ValidateDeclaration(scope, declaration);
        var type = new ComponentType(scope.Imports.ToArray(), scope.Exports.ToArray());
        owned[type] = scope.ImportCreatedResources.Concat(scope.OtherCreatedResources).ToArray();
        importResources[type] = scope.ImportCreatedResources.ToArray();
        return type;
    }

    private ComponentInstanceType ResolveInstanceType(Scope parent, InstanceTypeDef instance)
    {
        var scope = new Scope(ScopeKind.InstanceType, parent);
        foreach (var declaration in instance.Declarations) ValidateDeclaration(scope, declaration);
        var type = new ComponentInstanceType(scope.Exports.ToArray());
        owned[type] = scope.OtherCreatedResources.ToArray();
        return type;
    }

    private void ValidateDeclaration(Scope scope, Declaration declaration)
    {
        switch (declaration)
        {
            case CoreTypeDeclaration core:
                scope.CoreTypes.Add(ResolveCoreType(scope, core.Type));
                break;
            case TypeDeclaration type:
                scope.Types.Add(ResolveDefType(scope, type.Type));
                break;
            case AliasDeclaration alias:
                if (alias.Target is ExportAlias && alias.Sort is not (Sort.Instance or Sort.Type))
                    throw Error("export aliases in type declarations may only refer to types or instances", alias.Offset);
                if (alias.Target is OuterAlias && alias.Sort is not (Sort.Type or Sort.CoreType))
                    throw Error("outer aliases in type declarations may only refer to types or instances", alias.Offset);
                if (alias.Target is CoreExportAlias) throw Error("core export aliases are not allowed in type declarations", alias.Offset);
                ValidateAlias(scope, alias.Sort, alias.Target, alias.Offset);
                break;
            case ImportDeclaration import:
                AddImport(scope, import.Name, import.Desc, import.Offset);
                break;
            case ExportDeclaration export:
                DeclareExport(scope, export);
                break;
        }
    }

    /// <summary>
    /// The resolved type of an <c>externtype</c>. A <c>(sub resource)</c> bound makes a fresh abstract resource,
    /// and an instance or component type holding abstract resources is copied with fresh ones, because each
    /// import or export of it stands for different resources.
    /// </summary>
    private ComponentExternType ResolveExternDesc(Scope scope, ExternDesc desc, string name, bool isImport)
    {
        var offset = desc.Offset;
        switch (desc.Kind)
        {
            case ExternDescKind.CoreModule:
            {
                if ((uint)desc.TypeIndex >= (uint)scope.CoreTypes.Count) throw Error("core type index out of bounds", offset);
                var module = scope.CoreTypes[desc.TypeIndex] as CoreModuleType ?? throw Error($"core type index {desc.TypeIndex} is not a module type", offset);
                return new ComponentExternType(ComponentExternKind.CoreModule, module);
            }
            case ExternDescKind.Func:
            {
                var func = TypeAt(scope, desc.TypeIndex, offset) as ComponentFunctionType ?? throw Error($"type index {desc.TypeIndex} is not a function type", offset);
                return new ComponentExternType(ComponentExternKind.Func, func);
            }
            case ExternDescKind.Value:
                throw new UnsupportedFeatureException("component value imports and exports (a gated feature)", offset);
            case ExternDescKind.Type:
            {
                if (!desc.IsSubResource) return new ComponentExternType(ComponentExternKind.Type, TypeAt(scope, desc.TypeIndex, offset));
                var fresh = new ResourceType(ExternNames.TryParse(name)?.Label ?? name);
                (isImport ? scope.ImportCreatedResources : scope.OtherCreatedResources).Add(fresh);
                return new ComponentExternType(ComponentExternKind.Type, fresh);
            }
            case ExternDescKind.Component:
            {
                var component = TypeAt(scope, desc.TypeIndex, offset) as ComponentType ?? throw Error($"type index {desc.TypeIndex} is not a component type", offset);
                return new ComponentExternType(ComponentExternKind.Component, Freshen(scope, component, isImport));
            }
            default:
            {
                var instance = TypeAt(scope, desc.TypeIndex, offset) as ComponentInstanceType ?? throw Error($"type index {desc.TypeIndex} is not an instance type", offset);
                return new ComponentExternType(ComponentExternKind.Instance, Freshen(scope, instance, isImport));
            }
        }
    }

    /// <summary>A copy of <paramref name="type"/> whose abstract resources are new ones, owned by <paramref name="scope"/>.</summary>
    private ComponentDefinedType Freshen(Scope scope, ComponentDefinedType type, bool isImport)
    {
        var resources = OwnedBy(type);
        if (type is ComponentType component && importResources.TryGetValue(component, out var imported))
            resources = resources.Except(imported, ReferenceEqualityComparer.Instance).Cast<ResourceType>().ToArray();
        if (resources.Count == 0) return type;
        var map = new Dictionary<ResourceType, ResourceType>(ReferenceEqualityComparer.Instance);
        foreach (var resource in resources) map[resource] = new ResourceType(resource.Name);
        (isImport ? scope.ImportCreatedResources : scope.OtherCreatedResources).AddRange(map.Values);
        var copy = new ResourceSubstitution(map).Apply(type);
        if (!ReferenceEquals(copy, type))
        {
            owned[copy] = OwnedBy(type).Select(r => map.TryGetValue(r, out var to) ? to : r).ToArray();
            if (copy is ComponentType copied && type is ComponentType original && importResources.TryGetValue(original, out var originalImports))
                importResources[copied] = originalImports;
        }
        return copy;
    }

    /// <summary>Adds an item of a resolved extern type to the index space of its sort.</summary>
    private static void AddToIndexSpace(Scope scope, ComponentExternType type)
    {
        switch (type.Type)
        {
            case CoreModuleType module: scope.CoreModules.Add(module); break;
            case ComponentFunctionType func when type.Kind == ComponentExternKind.Func: scope.Funcs.Add(func); break;
            case ComponentType component when type.Kind == ComponentExternKind.Component: scope.Components.Add(component); break;
            case ComponentInstanceType instance when type.Kind == ComponentExternKind.Instance: scope.Instances.Add(instance); break;
            case ComponentDefinedType defined: scope.Types.Add(defined); break;
        }
    }
}
