using System.Collections.Generic;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Model;

/// <summary>A resolved WIT type: names point at their definitions.</summary>
internal abstract class WitType;

internal sealed class PrimitiveType : WitType
{
    private static readonly Dictionary<PrimitiveKind, PrimitiveType> Instances = new();

    private PrimitiveType(PrimitiveKind kind) => Kind = kind;

    public PrimitiveKind Kind { get; }

    public static PrimitiveType Of(PrimitiveKind kind)
    {
        lock (Instances)
        {
            if (!Instances.TryGetValue(kind, out var type)) Instances[kind] = type = new PrimitiveType(kind);
            return type;
        }
    }

    public override string ToString() => Kind.ToString().ToLowerInvariant();
}

internal sealed class ListType(WitType element) : WitType
{
    public WitType Element { get; } = element;
    public override string ToString() => $"list<{Element}>";
}

internal sealed class OptionType(WitType inner) : WitType
{
    public WitType Inner { get; } = inner;
    public override string ToString() => $"option<{Inner}>";
}

internal sealed class ResultType(WitType? ok, WitType? error) : WitType
{
    public WitType? Ok { get; } = ok;
    public WitType? Error { get; } = error;
    public override string ToString() => $"result<{Ok?.ToString() ?? "_"}, {Error?.ToString() ?? "_"}>";
}

internal sealed class TupleType(IReadOnlyList<WitType> elements) : WitType
{
    public IReadOnlyList<WitType> Elements { get; } = elements;
    public override string ToString() => $"tuple<{string.Join(", ", Elements)}>";
}

/// <summary><c>own&lt;r&gt;</c> or <c>borrow&lt;r&gt;</c>; a bare resource name is an owned handle.</summary>
internal sealed class HandleType(TypeDefinition resource, bool isBorrow) : WitType
{
    /// <summary>The name as written (it may be an alias of the resource, resolved after it).</summary>
    public TypeDefinition Named { get; } = resource;

    /// <summary>The resource definition, through any aliases.</summary>
    public TypeDefinition Resource => Named.Unaliased();

    public bool IsBorrow { get; } = isBorrow;
    public override string ToString() => $"{(IsBorrow ? "borrow" : "own")}<{Resource.Name}>";
}

/// <summary>A reference to a named definition (a record, variant, enum, flags or an alias).</summary>
internal sealed class NamedType(TypeDefinition definition) : WitType
{
    public TypeDefinition Definition { get; } = definition;
    public override string ToString() => Definition.Name;
}
