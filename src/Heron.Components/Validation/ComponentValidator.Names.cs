using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>Imports and exports: their names, their types, and what they add to the index spaces.</summary>
internal sealed partial class ComponentValidator
{
    private void AddImport(Scope scope, ExternName name, ExternDesc desc, int offset)
    {
        var parsed = CheckExternName(name, desc.Kind, offset);
        if (scope.ImportNames.Add(name.Name) is { } clash) throw Error(clash, offset);
        var type = ResolveExternDesc(scope, desc, name.Name, isImport: true);
        if (type.Kind is ComponentExternKind.Func) CheckAnnotatedFunction(scope.ImportedResources, parsed, (ComponentFunctionType)type.Type, offset);
        CheckVisible(scope.ImportNamedTypes, type, "import", offset);
        RecordResourceName(scope.ImportedResources, scope, name.Name, type);
        if (type.Kind == ComponentExternKind.Type && type.Type is ComponentDefinedType named) scope.ImportNamedTypes.Add(named);
        scope.Imports.Add(new ComponentExternItem(name.Name, type));
        AddToIndexSpace(scope, type);
    }

    /// <summary>An <c>(export ...)</c> declarator of a component or instance type.</summary>
    private void DeclareExport(Scope scope, ExportDeclaration export)
    {
        var parsed = CheckExternName(export.Name, export.Desc.Kind, export.Offset);
        if (scope.ExportNames.Add(export.Name.Name) is { } clash) throw Error(clash, export.Offset);
        var type = ResolveExternDesc(scope, export.Desc, export.Name.Name, isImport: false);
        if (type.Kind is ComponentExternKind.Func) CheckAnnotatedFunction(scope.ExportedResources, parsed, (ComponentFunctionType)type.Type, export.Offset);
        // An instance type is checked when it is imported or exported, not while it is declared.
        if (scope.Kind != ScopeKind.InstanceType) CheckVisible(scope.NamedTypes, type, "export", export.Offset);
        RecordResourceName(scope.ExportedResources, scope, export.Name.Name, type);
        scope.Exports.Add(new ComponentExternItem(export.Name.Name, type));
        AddToIndexSpace(scope, type);
    }

    private static void CheckVisible(HashSet<ComponentDefinedType> named, ComponentExternType type, string what, int offset)
    {
        if (ExternalVisibility.FirstUnnamed(type, named) is { } hidden)
            throw Error($"{Describe(type.Kind)} not valid to be used as {what}: it uses the type `{hidden}`, which has no name outside the component", offset);
    }

    private static string Describe(ComponentExternKind kind) => kind == ComponentExternKind.CoreModule ? "module" : kind.ToString().ToLowerInvariant();

    private void ValidateExport(Scope scope, ExportDefinition export)
    {
        var offset = export.Offset;
        var inferred = ItemType(scope, export.Item, offset);
        if (export.Item.Sort.IsCore() && export.Item.Sort != Sort.CoreModule)
            throw Error($"{export.Item.Sort.Describe()} not valid to be used as export", offset);
        var descKind = export.Ascribed?.Kind ?? KindOf(inferred.Kind);
        var parsed = CheckExternName(export.Name, descKind, offset);
        if (scope.ExportNames.Add(export.Name.Name) is { } clash) throw Error(clash, offset);
        if (export.Ascribed == null) inferred = Exported(inferred);
        var type = inferred;
        // What users of the component see: a (sub resource) ascription hides which resource it is, so
        // outside the export is an abstract resource of its own (fresh per instance), never equal to
        // another export of the same resource.
        var seen = inferred;
        if (export.Ascribed is { } ascribed)
        {
            var declared = ResolveExternDesc(scope, ascribed, export.Name.Name, isImport: false);
            var matcher = NewMatcher();
            if (declared.Type is ResourceType abstractType && ascribed.IsSubResource) matcher.Bind(abstractType, inferred.Type as ResourceType ?? abstractType);
            if (matcher.ExternSubtype(inferred, declared) is { } mismatch) throw Error($"ascribed type of export is not compatible with the item's type (export `{export.Name.Name}`): {mismatch}", offset);
            // A (sub resource) ascription still exports the resource itself: the index is an alias of it.
            type = declared.Type is ResourceType && ascribed.IsSubResource ? inferred : declared;
            seen = declared;
        }
        if (type.Kind is ComponentExternKind.Func) CheckAnnotatedFunction(scope.ExportedResources, parsed, (ComponentFunctionType)type.Type, offset);
        CheckVisible(scope.NamedTypes, type, "export", offset);
        RecordResourceName(scope.ExportedResources, scope, export.Name.Name, type);
        scope.Exports.Add(new ComponentExternItem(export.Name.Name, seen));
        AddToIndexSpace(scope, type);
    }

    /// <summary>
    /// Exporting a resource, record, variant, enum or flags type gives it a new index that is a type of its
    /// own for naming (the same type for matching): functions typed with the old index use a type without
    /// an external name (Explainer.md, external visibility), and annotated functions must use the new one.
    /// </summary>
    private static ComponentExternType Exported(ComponentExternType type) => type switch
    {
        { Kind: ComponentExternKind.Type, Type: ResourceType resource } => type with { Type = new ResourceType(resource.Name) { AliasOf = resource.Canonical } },
        { Kind: ComponentExternKind.Type, Type: ComponentValueType value } when NominalCopy(value) is { } copy => type with { Type = copy },
        _ => type,
    };

    /// <summary>A new object for a record, variant, enum or flags type, structurally the same; null for other types.</summary>
    private static ComponentValueType? NominalCopy(ComponentValueType type) => type switch
    {
        RecordType record => new RecordType(record.Fields),
        VariantType variant => new VariantType(variant.Cases),
        EnumType enumeration => new EnumType(enumeration.Cases),
        FlagsType flags => new FlagsType(flags.Names),
        _ => null,
    };

    private static ExternDescKind KindOf(ComponentExternKind kind) => kind switch
    {
        ComponentExternKind.CoreModule => ExternDescKind.CoreModule,
        ComponentExternKind.Func => ExternDescKind.Func,
        ComponentExternKind.Value => ExternDescKind.Value,
        ComponentExternKind.Type => ExternDescKind.Type,
        ComponentExternKind.Component => ExternDescKind.Component,
        _ => ExternDescKind.Instance,
    };

    private static void RecordResourceName(Dictionary<string, ResourceType> names, Scope scope, string name, ComponentExternType type)
    {
        // The types an imported or exported instance exports have a name outside the component too.
        if (type.Type is ComponentInstanceType instance) NameInstanceTypes(scope, instance, imported: ReferenceEquals(names, scope.ImportedResources));
        if (type.Kind != ComponentExternKind.Type) return;
        if (type.Type is ComponentDefinedType defined) scope.NamedTypes.Add(defined);
        if (type.Type is ResourceType resource && ExternNames.TryParse(name) is { Kind: ExternNameKind.Label } parsed) names[parsed.Label] = resource;
    }

    private static void NameInstanceTypes(Scope scope, ComponentInstanceType instance, bool imported)
    {
        foreach (var export in instance.Exports)
        {
            if (export.Type.Kind == ComponentExternKind.Type && export.Type.Type is ComponentDefinedType defined)
            {
                scope.NamedTypes.Add(defined);
                if (imported) scope.ImportNamedTypes.Add(defined);
            }
            else if (export.Type.Type is ComponentInstanceType inner) NameInstanceTypes(scope, inner, imported);
        }
    }

    /// <summary>Checks an import or export name's syntax and attributes, and that annotated names are functions.</summary>
    private ParsedExternName CheckExternName(ExternName name, ExternDescKind kind, int offset)
    {
        ParsedExternName parsed;
        try
        {
            parsed = ExternNames.Parse(name.Name);
        }
        catch (FormatException error)
        {
            throw Error($"{error.Message} (in the name `{name.Name}`, which is not a valid extern name)", offset);
        }
        var seen = new HashSet<NameAttributeKind>();
        foreach (var attribute in name.Attributes)
        {
            if (!seen.Add(attribute.Kind))
                throw Error($"duplicate '{AttributeName(attribute.Kind)}' option in name `{name.Name}`", offset);
        }
        if (name.Implements is { } implements)
        {
            if (!componentFeatures.HasFlag(ComponentFeatures.Implements))
                throw Error($"the `cm-implements` feature is not active (the name `{name.Name}` has an `implements` attribute)", offset);
            if (kind != ExternDescKind.Instance) throw Error($"only instances can have an `implements` attribute (`{name.Name}`)", offset);
            if (parsed.Kind != ExternNameKind.Label) throw Error($"name `{name.Name}` is not valid with `implements`: it must be a plain name", offset);
            if (ExternNames.TryParse(implements) is not { Kind: ExternNameKind.Interface }) throw Error($"`{implements}` is not a valid name for `implements`: it must be an interface name", offset);
        }
        if (name.VersionSuffix is { } suffix)
        {
            var at = name.Name.IndexOf('@');
            if (parsed.Kind != ExternNameKind.Interface || at < 0 || !ExternNames.IsSemver(name.Name[(at + 1)..] + suffix))
                throw Error($"the version suffix `{suffix}` of `{name.Name}` does not complete its version to a valid semver", offset);
        }
        if (parsed.Kind is ExternNameKind.Constructor or ExternNameKind.Method or ExternNameKind.Static && kind != ExternDescKind.Func)
            throw Error($"`{name.Name}` is not a func: annotated names are only valid for functions", offset);
        return parsed;
    }

    private static string AttributeName(NameAttributeKind kind) => kind switch
    {
        NameAttributeKind.Implements => "implements",
        NameAttributeKind.VersionSuffix => "versionsuffix",
        _ => "external-id",
    };

    /// <summary>
    /// The type rules of <c>[constructor]r</c>, <c>[method]r.m</c> and <c>[static]r.m</c>: the shape of the
    /// function first, then that its resource is the one named <c>r</c> among this scope's imports (or exports).
    /// </summary>
    private static void CheckAnnotatedFunction(Dictionary<string, ResourceType> resources, ParsedExternName name, ComponentFunctionType func, int offset)
    {
        switch (name.Kind)
        {
            case ExternNameKind.Constructor:
            {
                if (func.Result == null) throw Error("function should return one value", offset);
                var result = func.Result is ResultType { Ok: { } ok } ? ok : func.Result;
                if (result is not HandleType { IsBorrow: false } handle)
                    throw Error("function should return `(own $T)` or `(result (own $T))`", offset);
                CheckResourceName(resources, handle.Resource, name.Resource, offset);
                break;
            }
            case ExternNameKind.Method:
            {
                if (func.Parameters.Count == 0) throw Error("method should have at least one argument", offset);
                var self = func.Parameters[0];
                if (self.Label != "self") throw Error("method should have a first argument called `self`", offset);
                if (self.Type is not HandleType { IsBorrow: true } handle) throw Error("method should take a first argument of `(borrow $T)`", offset);
                CheckResourceName(resources, handle.Resource, name.Resource, offset);
                break;
            }
            case ExternNameKind.Static:
                if (!resources.ContainsKey(name.Resource)) throw Error("static resource name is not known in this context", offset);
                break;
        }
    }

    private static void CheckResourceName(Dictionary<string, ResourceType> resources, ResourceType resource, string expected, int offset)
    {
        var names = resources.Where(r => ReferenceEquals(r.Value, resource)).Select(r => r.Key).ToList();
        if (names.Count == 0) throw Error("resource used in function does not have a name in this context", offset);
        if (!names.Contains(expected)) throw Error($"function does not match expected resource name `{names[0]}`", offset);
    }
}
