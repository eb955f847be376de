namespace Heron.Components;

/// <summary>
/// list&lt;T&gt;, or with <see cref="FixedLength"/> the fixed-length list&lt;T, N&gt; stored inline. A
/// map&lt;K, V&gt; is a list of (K, V) tuples marked <see cref="IsMap"/>: the canonical ABI lays it out and
/// moves it exactly as that list, but as a type it matches only maps.
/// </summary>
public sealed class ListType(ComponentValueType element, uint? fixedLength = null, bool isMap = false) : ComponentValueType
{
    public ComponentValueType Element { get; } = element;
    public uint? FixedLength { get; } = fixedLength;

    /// <summary>A map&lt;K, V&gt;: <see cref="Element"/> is the tuple (K, V).</summary>
    public bool IsMap { get; } = isMap;

    /// <summary>A map&lt;K, V&gt;, as the list of (K, V) tuples it crosses as.</summary>
    public static ListType Map(ComponentValueType key, ComponentValueType value) => new(new TupleType([key, value]), isMap: true);

    public override string ToString() => IsMap && Element is TupleType { Types: [var key, var value] }
        ? $"map<{key}, {value}>"
        : FixedLength is { } n ? $"list<{Element}, {n}>" : $"list<{Element}>";
}

/// <summary>flags { names }: up to 32 booleans packed in bits.</summary>
public sealed class FlagsType(IReadOnlyList<string> names) : ComponentValueType
{
    public IReadOnlyList<string> Names { get; } = names;

    public override string ToString() => "flags { " + string.Join(", ", Names) + " }";
}
