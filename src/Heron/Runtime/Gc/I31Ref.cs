namespace Heron.Runtime.Gc;

/// <summary>
/// An <c>i31ref</c>: a 31-bit integer as a reference. References are .NET objects throughout the runtime, so
/// an i31 is a small immutable object; the most frequent values (small integers) come from a cache and do not
/// allocate. Two i31 references are equal (<c>ref.eq</c>) when their values are.
/// </summary>
internal sealed class I31Ref : AnyRef
{
    private const int CacheLow = -256, CacheHigh = 1024;
    private static readonly I31Ref[] Cache = MakeCache();

    private I31Ref(int value) => Number = value;

    /// <summary>The value sign-extended from 31 bits.</summary>
    public readonly int Number;

    /// <summary><c>ref.i31</c>: the low 31 bits of <paramref name="bits"/>.</summary>
    public static I31Ref Of(int bits)
    {
        var value = (bits << 1) >> 1;
        var slot = value - CacheLow;
        return (uint)slot < (uint)Cache.Length ? Cache[slot] : new I31Ref(value);
    }

    public int Signed => Number;

    public override AnyRefKind Kind => AnyRefKind.I31;

    public override int I31Value => Number;

    public int Unsigned => Number & 0x7FFF_FFFF;

    public override bool Equals(object? obj) => obj is I31Ref other && other.Number == Number;

    public override int GetHashCode() => Number;

    public override string ToString() => $"i31 {Number}";

    private static I31Ref[] MakeCache()
    {
        var cache = new I31Ref[CacheHigh - CacheLow];
        for (int i = 0; i < cache.Length; i++) cache[i] = new I31Ref(i + CacheLow);
        return cache;
    }
}
