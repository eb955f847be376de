namespace Heron.Compilation;

/// <summary>
/// Where an operand came from, as far as bounds checks care: a local's current value plus a
/// displacement (<see cref="Local"/> ≥ 0), an <c>i32.const</c> (<see cref="IsConstant"/>), or unknown.
/// A displacement is added as <c>i32.add</c> adds, modulo 2^32: the value is <c>(local + Displacement) mod 2^32</c>.
/// </summary>
internal readonly record struct AddressSource(int Local, uint Displacement)
{
    private const int ConstantMarker = -2;

    public static readonly AddressSource Unknown = new(-1, 0);

    public static AddressSource OfLocal(int local) => new(local, 0);

    /// <summary>An <c>i32.const</c>, its value read as unsigned (the address it is).</summary>
    public static AddressSource OfConstant(int value) => new(ConstantMarker, (uint)value);

    /// <summary>A local's value plus a displacement.</summary>
    public bool IsKnown => Local >= 0;

    public bool IsConstant => Local == ConstantMarker;

    /// <summary>The source of <c>i32.add</c> of two operands: a local's value plus a constant, when one is each.</summary>
    public static AddressSource Sum(AddressSource a, AddressSource b)
    {
        if (a.IsConstant && b.IsKnown) (a, b) = (b, a);
        if (!a.IsKnown || !b.IsConstant) return Unknown;
        return new AddressSource(a.Local, unchecked(a.Displacement + b.Displacement));
    }
}
