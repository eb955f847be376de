using System.Collections.Generic;
using Heron.Bindgen.Model;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Resolution;

internal sealed partial class WitResolver
{
    /// <summary>Resolves an interface (once): its uses first, then its type names, their bodies, and its functions.</summary>
    private void ResolveInterface(InterfaceModel model, WitSource? fromFile, NameSyntax? from)
    {
        if (!_interfaceSyntax.TryGetValue(model, out var entry)) return;
        if (!Enter(model, fromFile, from, "interface")) return;
        ResolveItems(model, entry.Syntax.Items, entry.Unit, model);
        _states[model] = State.Done;
    }

    /// <summary>
    /// The items of an interface or world: uses, type definitions and (for an interface) functions. Names are
    /// declared before any body is resolved, so a type may refer to one defined after it.
    /// </summary>
    private void ResolveItems(ITypeOwner owner, List<ItemSyntax> items, Unit unit, InterfaceModel? functionsOwner)
    {
        var names = new Dictionary<string, NameSyntax>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
            if (item is UseSyntax use) ResolveUse(owner, use, unit, names);

        var bodies = new List<(TypeDefinition Definition, TypeDefSyntax Syntax)>();
        foreach (var item in items)
        {
            if (item is not TypeDefSyntax syntax) continue;
            var kind = syntax switch
            {
                RecordSyntax => TypeDefinitionKind.Record,
                VariantSyntax => TypeDefinitionKind.Variant,
                EnumSyntax => TypeDefinitionKind.Enum,
                FlagsSyntax => TypeDefinitionKind.Flags,
                ResourceSyntax => TypeDefinitionKind.Resource,
                _ => TypeDefinitionKind.Alias,
            };
            var definition = new TypeDefinition(syntax.Name.Name, kind, owner, syntax.Doc)
            {
                Location = new WitLocation(unit.File, syntax.Name.Start, syntax.Name.End),
            };
            if (Declare(owner, definition, syntax.Name, unit, names)) bodies.Add((definition, syntax));
        }
        foreach (var (definition, syntax) in bodies) ResolveBody(definition, syntax, owner, unit);

        foreach (var item in items)
        {
            if (item is not FunctionSyntax function) continue;
            if (functionsOwner is null)
            {
                Report(Diagnostics.Syntax, unit.File, function.Name, "a world holds functions only as 'import name: func(...)' or 'export name: func(...)'");
                continue;
            }
            if (!Claim(names, function.Name, unit, owner)) continue;
            var model = new FunctionModel(function.Name.Name, FunctionKind.Freestanding, null, function.Doc);
            ResolveSignature(model, function.Type, owner, unit, function.Name);
            functionsOwner.Functions.Add(model);
        }
    }

    /// <summary><c>use path.{a, b as c}</c>: each name becomes an alias of the type it names in the used interface.</summary>
    private void ResolveUse(ITypeOwner owner, UseSyntax use, Unit unit, Dictionary<string, NameSyntax> names)
    {
        var target = FindInterface(unit, use.Path);
        if (target is null) return;
        if (ReferenceEquals(target, owner) || IsResolving(target))
        {
            Report(Diagnostics.Cycle, unit.File, use.Path.Interface,
                ReferenceEquals(target, owner) ? $"interface '{target.Name}' cannot use itself" : $"interfaces '{owner.Name}' and '{target.Name}' use each other (a cycle of 'use')");
            return;
        }
        ResolveInterface(target, unit.File, use.Path.Interface);
        if (owner is InterfaceModel user && !user.Uses.Contains(target)) user.Uses.Add(target);
        if (owner is WorldModel) _worldUses.Add(((WorldModel)owner, target));
        foreach (var name in use.Names)
        {
            if (!target.TypesByName.TryGetValue(name.Name.Name, out var used))
            {
                var isFunction = target.Functions.Exists(f => string.Equals(f.Name, name.Name.Name, System.StringComparison.OrdinalIgnoreCase));
                Report(isFunction ? Diagnostics.InvalidType : Diagnostics.Undefined, unit.File, name.Name,
                    isFunction ? $"'{name.Name.Name}' is a function of interface '{target}', and only types can be used"
                               : $"interface '{target}' has no type named '{name.Name.Name}'");
                continue;
            }
            var alias = new TypeDefinition(name.LocalName.Name, TypeDefinitionKind.Alias, owner, used.Doc)
            {
                IsUse = true,
                Target = new NamedType(used),
                Location = new WitLocation(unit.File, name.LocalName.Start, name.LocalName.End),
            };
            Declare(owner, alias, name.LocalName, unit, names);
        }
    }

    private bool Declare(ITypeOwner owner, TypeDefinition definition, NameSyntax name, Unit unit, Dictionary<string, NameSyntax> names)
    {
        if (!Claim(names, name, unit, owner)) return false;
        owner.TypesByName[definition.Name] = definition;
        owner.Types.Add(definition);
        _definitions.Add(definition);
        return true;
    }

    /// <summary>Types, uses and functions share one namespace per interface (names compared without case, as WIT requires).</summary>
    private bool Claim(Dictionary<string, NameSyntax> names, NameSyntax name, Unit unit, ITypeOwner owner)
    {
        if (names.ContainsKey(name.Name))
        {
            Report(Diagnostics.Duplicate, unit.File, name, $"'{name.Name}' is already defined in '{owner.Name}'");
            return false;
        }
        names[name.Name] = name;
        return true;
    }

    private void ResolveBody(TypeDefinition definition, TypeDefSyntax syntax, ITypeOwner scope, Unit unit)
    {
        switch (syntax)
        {
            case AliasSyntax alias:
                definition.Target = ResolveType(alias.Target, scope, unit);
                break;
            case RecordSyntax record:
            {
                var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
                foreach (var field in record.Fields)
                {
                    if (!seen.Add(field.Name.Name)) Report(Diagnostics.Duplicate, unit.File, field.Name, $"record '{definition.Name}' already has a field '{field.Name.Name}'");
                    else definition.Fields.Add(new Field(field.Name.Name, ResolveType(field.Type, scope, unit), field.Doc));
                }
                if (record.Fields.Count == 0) Report(Diagnostics.InvalidType, unit.File, syntax.Name, $"record '{definition.Name}' has no fields (a record needs at least one)");
                break;
            }
            case VariantSyntax variant:
                ResolveCases(definition, variant.Cases, scope, unit, "variant", "case");
                break;
            case EnumSyntax enumeration:
                ResolveCases(definition, enumeration.Cases, scope, unit, "enum", "case");
                break;
            case FlagsSyntax flags:
                ResolveCases(definition, flags.Flags, scope, unit, "flags", "flag");
                if (flags.Flags.Count > 32)
                    Report(Diagnostics.InvalidType, unit.File, syntax.Name, $"flags '{definition.Name}' has {flags.Flags.Count} flags; the component model allows at most 32");
                break;
            case ResourceSyntax resource:
                ResolveResourceFunctions(definition, resource, scope, unit);
                break;
        }
    }

    private void ResolveCases(TypeDefinition definition, List<CaseSyntax> cases, ITypeOwner scope, Unit unit, string kind, string member)
    {
        var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var item in cases)
        {
            if (!seen.Add(item.Name.Name))
            {
                Report(Diagnostics.Duplicate, unit.File, item.Name, $"{kind} '{definition.Name}' already has a {member} '{item.Name.Name}'");
                continue;
            }
            definition.Cases.Add(new Case(item.Name.Name, item.Payload is null ? null : ResolveType(item.Payload, scope, unit), item.Doc));
        }
        if (cases.Count == 0)
            Report(Diagnostics.InvalidType, unit.File, definition.Location.Start, definition.Location.End, $"{kind} '{definition.Name}' has no {member}s (it needs at least one)");
    }

    private void ResolveResourceFunctions(TypeDefinition resource, ResourceSyntax syntax, ITypeOwner scope, Unit unit)
    {
        var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var function in syntax.Functions)
        {
            if (!seen.Add(function.Name.Name))
            {
                Report(Diagnostics.Duplicate, unit.File, function.Name,
                    function.Kind == ResourceFunctionKind.Constructor ? $"resource '{resource.Name}' already has a constructor" : $"resource '{resource.Name}' already has a function '{function.Name.Name}'");
                continue;
            }
            var kind = function.Kind switch
            {
                ResourceFunctionKind.Constructor => FunctionKind.Constructor,
                ResourceFunctionKind.Method => FunctionKind.Method,
                _ => FunctionKind.Static,
            };
            var model = new FunctionModel(function.Name.Name, kind, resource, function.Doc);
            if (kind == FunctionKind.Method) model.Parameters.Add(new Field("self", new HandleType(resource, isBorrow: true), null));
            ResolveSignature(model, function.Type, scope, unit, function.Name);
            if (kind == FunctionKind.Constructor && function.Type.Result is null) model.Result = new HandleType(resource, isBorrow: false);
            resource.Functions.Add(model);
        }
    }

    private void ResolveSignature(FunctionModel model, FuncTypeSyntax type, ITypeOwner scope, Unit unit, NameSyntax name)
    {
        var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in model.Parameters) seen.Add(parameter.Name);
        foreach (var parameter in type.Parameters)
        {
            if (!seen.Add(parameter.Name.Name))
            {
                Report(Diagnostics.Duplicate, unit.File, parameter.Name, $"function '{name.Name}' already has a parameter '{parameter.Name.Name}'");
                continue;
            }
            model.Parameters.Add(new Field(parameter.Name.Name, ResolveType(parameter.Type, scope, unit), null));
        }
        if (type.Result is not null) model.Result = ResolveType(type.Result, scope, unit);
        _functions.Add((model, unit.File, name));
        _resultSyntax[model] = type.Result;
    }
}
