namespace Heron.Compilation;

/// <summary>
/// Where an operand came from, as far as bounds checks care: a local's current value plus a
/// displacement (<see cref="Local"/> ≥ 0), a non-negative <c>i32.const</c> (<see cref="IsConstant"/>),
/// or unknown.
/// </summary>
internal readonly record struct AddressSource(int Local, uint Displacement)
{
    private const int ConstantMarker = -2;

    /// <summary>Displacements up to this stay exact as unsigned 33-bit sums.</summary>
    private const uint MaxDisplacement = int.MaxValue;

    public static readonly AddressSource Unknown = new(-1, 0);

    public static AddressSource OfLocal(int local) => new(local, 0);

    /// <summary>An <c>i32.const</c>; only non-negative values can be displacements.</summary>
    public static AddressSource OfConstant(int value) => value >= 0 ? new(ConstantMarker, (uint)value) : Unknown;

    /// <summary>A local's value plus a displacement.</summary>
    public bool IsKnown => Local >= 0;

    public bool IsConstant => Local == ConstantMarker;

    /// <summary>The source of <c>i32.add</c> of two operands: a local's value plus a constant, when one is each.</summary>
    public static AddressSource Sum(AddressSource a, AddressSource b)
    {
        if (a.IsConstant && b.IsKnown) (a, b) = (b, a);
        if (!a.IsKnown || !b.IsConstant || (ulong)a.Displacement + b.Displacement > MaxDisplacement) return Unknown;
        return new AddressSource(a.Local, a.Displacement + b.Displacement);
    }
}
