using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;

namespace Heron.Bindgen.Resolution;

internal sealed partial class WitResolver
{
    /// <summary>Checks that need every name resolved: handles name resources, types do not contain themselves, results hold no borrows.</summary>
    private void Validate()
    {
        foreach (var (handle, file, name) in _handles)
        {
            var target = handle.Named.Unaliased();
            if (target.Kind != TypeDefinitionKind.Resource)
                Report(Diagnostics.InvalidType, file, name, $"'{name.Name}' is a {Describe(target)}, not a resource, so it cannot be {(handle.IsBorrow ? "borrowed" : "owned")} as a handle");
        }
        FindTypeCycles();
        foreach (var (function, file, name) in _functions)
        {
            var resultSyntax = _resultSyntax.TryGetValue(function, out var syntax) ? syntax : null;
            var start = resultSyntax?.Start ?? name.Start;
            var end = resultSyntax?.End ?? name.End;
            if (function.Result is { } result && ContainsBorrow(result, new HashSet<TypeDefinition>()))
                Report(Diagnostics.InvalidType, file, start, end, $"the result of '{function.Name}' contains a borrowed handle; only parameters may borrow");
            if (function.Kind == FunctionKind.Constructor && resultSyntax is not null && !IsConstructorResult(function))
                Report(Diagnostics.InvalidType, file, start, end,
                    $"a constructor of '{function.Resource!.Name}' returns nothing (meaning the resource) or result<{function.Resource.Name}, error>");
        }
    }

    private static bool IsConstructorResult(FunctionModel constructor) =>
        TypeOps.Normalize(constructor.Result!) is ResultType { Ok: { } ok } && TypeOps.Normalize(ok) is HandleType { IsBorrow: false } handle
        && ReferenceEquals(handle.Resource, constructor.Resource);

    private static string Describe(TypeDefinition definition) => definition.Kind switch
    {
        TypeDefinitionKind.Alias => "type alias",
        _ => definition.Kind.ToString().ToLowerInvariant(),
    };

    private static bool ContainsBorrow(WitType type, HashSet<TypeDefinition> seen)
    {
        switch (type)
        {
            case HandleType handle:
                return handle.IsBorrow;
            case ListType list:
                return ContainsBorrow(list.Element, seen);
            case OptionType option:
                return ContainsBorrow(option.Inner, seen);
            case ResultType result:
                return (result.Ok is not null && ContainsBorrow(result.Ok, seen)) || (result.Error is not null && ContainsBorrow(result.Error, seen));
            case TupleType tuple:
                return tuple.Elements.Any(e => ContainsBorrow(e, seen));
            case NamedType named:
            {
                var definition = named.Definition;
                if (!seen.Add(definition)) return false;
                return (definition.Target is not null && ContainsBorrow(definition.Target, seen))
                    || definition.Fields.Any(f => ContainsBorrow(f.Type, seen))
                    || definition.Cases.Any(c => c.Payload is not null && ContainsBorrow(c.Payload, seen));
            }
            default:
                return false;
        }
    }

    /// <summary>A depth-first walk through what each definition contains (not through handles): a back edge is a recursive type.</summary>
    private void FindTypeCycles()
    {
        var state = new Dictionary<TypeDefinition, bool>();
        var path = new List<TypeDefinition>();
        foreach (var definition in _definitions) Visit(definition);

        void Visit(TypeDefinition definition)
        {
            if (state.TryGetValue(definition, out var done))
            {
                if (!done)
                {
                    var cycle = path.Skip(path.IndexOf(definition)).Select(d => d.Name).Concat([definition.Name]);
                    Report(Diagnostics.Cycle, definition.Location, $"type '{definition.Name}' contains itself ({string.Join(" -> ", cycle)}); WIT types cannot be recursive");
                }
                return;
            }
            state[definition] = false;
            path.Add(definition);
            if (definition.Target is not null) Walk(definition.Target);
            foreach (var field in definition.Fields) Walk(field.Type);
            foreach (var item in definition.Cases) if (item.Payload is not null) Walk(item.Payload);
            path.RemoveAt(path.Count - 1);
            state[definition] = true;
        }

        void Walk(WitType type)
        {
            switch (type)
            {
                case NamedType named: Visit(named.Definition); break;
                case ListType list: Walk(list.Element); break;
                case OptionType option: Walk(option.Inner); break;
                case ResultType result:
                    if (result.Ok is not null) Walk(result.Ok);
                    if (result.Error is not null) Walk(result.Error);
                    break;
                case TupleType tuple: foreach (var element in tuple.Elements) Walk(element); break;
                case HandleType handle when handle.Named.Kind == TypeDefinitionKind.Alias: Visit(handle.Named); break;
            }
        }
    }
}
