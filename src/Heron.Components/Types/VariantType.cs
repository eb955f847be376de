namespace Heron.Components;

/// <summary>A case of a variant, with an optional payload.</summary>
public sealed record VariantCase(string Label, ComponentValueType? Type);

/// <summary>variant { cases }: a discriminant then the payload of the chosen case.</summary>
public sealed class VariantType(IReadOnlyList<VariantCase> cases) : ComponentValueType
{
    public IReadOnlyList<VariantCase> Cases { get; } = cases;

    public override string ToString() => "variant { " + string.Join(", ", Cases.Select(c => c.Type == null ? c.Label : $"{c.Label}({c.Type})")) + " }";
}

/// <summary>enum { cases }: a variant whose cases carry nothing.</summary>
public sealed class EnumType(IReadOnlyList<string> cases) : ComponentValueType
{
    public IReadOnlyList<string> Cases { get; } = cases;

    public override string ToString() => "enum { " + string.Join(", ", Cases) + " }";
}

/// <summary>option&lt;T&gt;: the variant none | some(T).</summary>
public sealed class OptionType(ComponentValueType type) : ComponentValueType
{
    public ComponentValueType Type { get; } = type;

    public override string ToString() => $"option<{Type}>";
}

/// <summary>result&lt;T, E&gt;: the variant ok(T?) | error(E?), either payload optional.</summary>
public sealed class ResultType(ComponentValueType? ok, ComponentValueType? error) : ComponentValueType
{
    public ComponentValueType? Ok { get; } = ok;
    public ComponentValueType? Error { get; } = error;

    public override string ToString() => (Ok, Error) switch
    {
        (null, null) => "result",
        (_, null) => $"result<{Ok}>",
        (null, _) => $"result<_, {Error}>",
        _ => $"result<{Ok}, {Error}>",
    };
}
