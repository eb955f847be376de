namespace Heron.Components.Wit;

/// <summary>
/// The names WIT knows types by: each type an interface exports is named there. Printing a type uses its
/// name when it has one (the first interface exporting it owns it) and its structure otherwise.
/// </summary>
internal sealed class TypeNames
{
    private readonly Dictionary<object, (InterfaceName Owner, string Name)> named = new(ReferenceEqualityComparer.Instance);

    public TypeNames(IEnumerable<(InterfaceName Name, ComponentInstanceType Type)> interfaces)
    {
        foreach (var (name, type) in interfaces)
            foreach (var export in type.Exports)
                if (export.Type.Kind == ComponentExternKind.Type && !IsPrimitive(export.Type.Type))
                    named.TryAdd(export.Type.Type, (name, export.Name));
    }

    private static bool IsPrimitive(object type) => type is PrimitiveType;

    /// <summary>The interface that owns a named type and its name there, if it has one.</summary>
    public (InterfaceName Owner, string Name)? Owner(object type) => named.TryGetValue(type, out var owner) ? owner : null;

    /// <summary>Registers a type named inside a plain-named (inline) interface.</summary>
    public void NameLocally(object type, InterfaceName? scope, string name)
    {
        if (scope == null && !IsPrimitive(type)) named.TryAdd(type, (new InterfaceName("", "", ""), name));
    }

    // Inside an interface a type goes by the name that interface gives it (`use e1.{x as y}` makes x y there).
    private readonly Dictionary<string, Dictionary<object, string>> locals = [];

    /// <summary>Records the names an interface's type exports give their types, for printing inside it.</summary>
    public void SetLocalNames(InterfaceName? context, IEnumerable<ComponentExternItem> exports)
    {
        var map = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        foreach (var export in exports)
            if (export.Type.Kind == ComponentExternKind.Type && !IsPrimitive(export.Type.Type)) map.TryAdd(export.Type.Type, export.Name);
        locals[context?.Full ?? ""] = map;
    }

    private string? Name(object type, InterfaceName? context)
    {
        if (locals.TryGetValue(context?.Full ?? "", out var map) && map.TryGetValue(type, out var local)) return local;
        return named.TryGetValue(type, out var owner) ? owner.Name : null;
    }

    public string Value(ComponentValueType type, InterfaceName? context) =>
        Name(type, context) is { } name ? WitPrinter.Escape(name) : Structure(type, context);

    /// <summary>The type spelled out one level (its parts by name where they have one).</summary>
    public string Structure(ComponentValueType type, InterfaceName? context)
    {
        return type switch
        {
            PrimitiveType primitive => primitive.ToString(),
            HandleType handle => handle.IsBorrow ? $"borrow<{Resource(handle.Resource, context)}>" : Resource(handle.Resource, context),
            ListType { IsMap: true, Element: TupleType { Types: [var key, var value] } } => $"map<{Value(key, context)}, {Value(value, context)}>",
            ListType list => list.FixedLength is { } n ? $"list<{Value(list.Element, context)}, {n}>" : $"list<{Value(list.Element, context)}>",
            TupleType tuple => "tuple<" + string.Join(", ", tuple.Types.Select(t => Value(t, context))) + ">",
            OptionType option => $"option<{Value(option.Type, context)}>",
            StreamType stream => stream.Element is { } element ? $"stream<{Value(element, context)}>" : "stream",
            FutureType future => future.Element is { } value ? $"future<{Value(value, context)}>" : "future",
            ResultType result => (result.Ok, result.Error) switch
            {
                (null, null) => "result",
                (_, null) => $"result<{Value(result.Ok!, context)}>",
                (null, _) => $"result<_, {Value(result.Error!, context)}>",
                _ => $"result<{Value(result.Ok!, context)}, {Value(result.Error!, context)}>",
            },
            // A record, variant, enum or flags type without a name has no WIT spelling; show its structure.
            _ => type.ToString(),
        };
    }

    private string Resource(ResourceType resource, InterfaceName? context) => WitPrinter.Escape(Name(resource, context) ?? resource.Name);

    /// <summary><c>func(a: t, ...) -> r</c>, leaving out the parameters <paramref name="skip"/> counts (a method's self).</summary>
    public string Func(ComponentFunctionType func, InterfaceName? context, int skip = 0, string keyword = "func") =>
        keyword + "(" + string.Join(", ", func.Parameters.Skip(skip).Select(p => $"{WitPrinter.Escape(p.Label)}: {Value(p.Type, context)}")) + ")"
        + (func.Result == null ? "" : $" -> {Value(func.Result, context)}");
}
