namespace Heron.Components.Canon;

/// <summary>Reads core values in order while a component value is lifted from its flat form.</summary>
internal sealed class FlatReader(IReadOnlyList<Value> values)
{
    private int _next;

    public Value Next() => _next < values.Count ? values[_next++] : throw CanonTrap.Create("too few core values for the component type");

    public uint NextI32() => (uint)Next().AsI32();

    public bool Done => _next == values.Count;
}
