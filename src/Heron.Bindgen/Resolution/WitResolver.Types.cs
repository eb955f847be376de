using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Resolution;

internal sealed partial class WitResolver
{
    /// <summary>Where each function's result type was written, for errors found when everything is resolved.</summary>
    private readonly Dictionary<FunctionModel, TypeSyntax?> _resultSyntax = new();

    /// <summary>Interfaces a world's own <c>use</c> items bring in (they become imports of the world).</summary>
    private readonly List<(WorldModel World, InterfaceModel Used)> _worldUses = [];

    /// <summary>Where each handle type was written, for checking once aliases are resolved that it names a resource.</summary>
    private readonly List<(HandleType Handle, WitSource File, NameSyntax Name)> _handles = [];

    /// <summary>
    /// A type expression in a scope. An unknown name is reported and stands as <c>bool</c> from then on, so one
    /// mistake gives one diagnostic (no code is generated while there are errors).
    /// </summary>
    private WitType ResolveType(TypeSyntax syntax, ITypeOwner scope, Unit unit)
    {
        switch (syntax)
        {
            case PrimitiveTypeSyntax primitive:
                return PrimitiveType.Of(primitive.Kind);
            case ListTypeSyntax list:
                return new ListType(ResolveType(list.Element, scope, unit));
            case OptionTypeSyntax option:
                return new OptionType(ResolveType(option.Inner, scope, unit));
            case ResultTypeSyntax result:
                return new ResultType(
                    result.Ok is null ? null : ResolveType(result.Ok, scope, unit),
                    result.Error is null ? null : ResolveType(result.Error, scope, unit));
            case TupleTypeSyntax tuple:
                return new TupleType(tuple.Elements.Select(e => ResolveType(e, scope, unit)).ToList());
            case HandleTypeSyntax handle:
            {
                var definition = Lookup(handle.Resource, scope, unit);
                if (definition is null) return PrimitiveType.Of(PrimitiveKind.Bool);
                var type = new HandleType(definition, handle.IsBorrow);
                _handles.Add((type, unit.File, handle.Resource));
                return type;
            }
            case NamedTypeSyntax named:
            {
                var definition = Lookup(named.Name, scope, unit);
                if (definition is null) return PrimitiveType.Of(PrimitiveKind.Bool);
                // A bare resource name is an owned handle; aliases are resolved later, so this is decided again then.
                return definition.Unaliased().Kind == TypeDefinitionKind.Resource ? new HandleType(definition, isBorrow: false) : new NamedType(definition);
            }
            default:
                return PrimitiveType.Of(PrimitiveKind.Bool);
        }
    }

    private TypeDefinition? Lookup(NameSyntax name, ITypeOwner scope, Unit unit)
    {
        if (scope.TypesByName.TryGetValue(name.Name, out var definition)) return definition;
        var isFunction = scope is InterfaceModel model
            && model.Functions.Exists(f => string.Equals(f.Name, name.Name, System.StringComparison.OrdinalIgnoreCase));
        Report(isFunction ? Diagnostics.InvalidType : Diagnostics.Undefined, unit.File, name,
            isFunction ? $"'{name.Name}' is a function, not a type" : $"type '{name.Name}' is not defined in '{scope.Name}'");
        return null;
    }
}
