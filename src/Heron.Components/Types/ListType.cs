namespace Heron.Components;

/// <summary>list&lt;T&gt;, or with <see cref="FixedLength"/> the fixed-length list&lt;T, N&gt; stored inline.</summary>
public sealed class ListType(ComponentValueType element, uint? fixedLength = null) : ComponentValueType
{
    public ComponentValueType Element { get; } = element;
    public uint? FixedLength { get; } = fixedLength;

    public override string ToString() => FixedLength is { } n ? $"list<{Element}, {n}>" : $"list<{Element}>";
}

/// <summary>flags { names }: up to 32 booleans packed in bits.</summary>
public sealed class FlagsType(IReadOnlyList<string> names) : ComponentValueType
{
    public IReadOnlyList<string> Names { get; } = names;

    public override string ToString() => "flags { " + string.Join(", ", Names) + " }";
}
