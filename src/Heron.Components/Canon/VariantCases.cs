namespace Heron.Components.Canon;

/// <summary>
/// The cases of a variant-like type (variant, enum, option, result) seen uniformly: how many, each one's
/// payload type and label, and how to build the matching <see cref="ComponentValue"/>.
/// </summary>
internal readonly struct VariantCases
{
    private readonly ComponentValueType _type;

    private VariantCases(ComponentValueType type) => _type = type;

    public static VariantCases Of(ComponentValueType type) => type switch
    {
        VariantType or EnumType or OptionType or ResultType => new VariantCases(type),
        _ => throw CanonTrap.Create($"{type} values are not supported"),
    };

    public int Count => _type switch
    {
        VariantType v => v.Cases.Count,
        EnumType e => e.Cases.Count,
        _ => 2,
    };

    public ComponentValueType? PayloadType(int index) => _type switch
    {
        VariantType v => v.Cases[index].Type,
        EnumType => null,
        OptionType o => index == 0 ? null : o.Type,
        ResultType r => index == 0 ? r.Ok : r.Error,
        _ => null,
    };

    public string Label(int index) => _type switch
    {
        VariantType v => v.Cases[index].Label,
        EnumType e => e.Cases[index],
        OptionType => index == 0 ? "none" : "some",
        _ => index == 0 ? "ok" : "error",
    };

    public ComponentValue Make(int index, ComponentValue? payload) => _type switch
    {
        VariantType v => ComponentValue.Variant(v.Cases[index].Label, payload),
        EnumType e => ComponentValue.Enum(e.Cases[index]),
        OptionType => index == 0 ? ComponentValue.None : ComponentValue.Some(payload!),
        _ => index == 0 ? ComponentValue.Ok(payload) : ComponentValue.Error(payload),
    };

    /// <summary>The case a value takes, by its label; a host value naming no case is an error of the host.</summary>
    public int IndexOf(ComponentValue value)
    {
        var label = value.Label;
        for (var i = 0; i < Count; i++) if (Label(i) == label) return i;
        throw new ArgumentException($"'{label}' is not a case of {_type}");
    }
}
