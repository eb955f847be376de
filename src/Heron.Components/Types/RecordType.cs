namespace Heron.Components;

/// <summary>A named field of a record (or a labelled parameter of a function).</summary>
public sealed record LabeledType(string Label, ComponentValueType Type);

/// <summary>record { fields }; a tuple is a record whose fields are labelled "0", "1", ...</summary>
public sealed class RecordType(IReadOnlyList<LabeledType> fields) : ComponentValueType
{
    public IReadOnlyList<LabeledType> Fields { get; } = fields;

    public override string ToString() => "record { " + string.Join(", ", Fields.Select(f => $"{f.Label}: {f.Type}")) + " }";
}

/// <summary>tuple&lt;T...&gt;: despecialises to a record with positional fields.</summary>
public sealed class TupleType(IReadOnlyList<ComponentValueType> types) : ComponentValueType
{
    public IReadOnlyList<ComponentValueType> Types { get; } = types;

    public override string ToString() => "tuple<" + string.Join(", ", Types) + ">";
}
