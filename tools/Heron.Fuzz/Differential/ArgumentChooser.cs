namespace Heron.Fuzz.Differential;

/// <summary>Chooses arguments for export calls, deterministically from the case's seed, favouring edge values.</summary>
internal sealed class ArgumentChooser(int seed)
{
    private static readonly int[] I32Edges = [0, 1, -1, int.MinValue, int.MaxValue, 0x7f, 0x80, 0xff, 0x8000, 0xffff, 65536, 65535, -65536,
        // near the end of one or two pages and just below zero, where the bounds checks the compiler leaves out would matter
        65532, 65528, 65524, 65500, 131068, 131060, -4, -8, -16];
    private static readonly long[] I64Edges = [0, 1, -1, long.MinValue, long.MaxValue, int.MinValue, int.MaxValue, uint.MaxValue, 0x1_0000_0000];
    private static readonly uint[] F32Edges = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800001, 0x3f800000, 0xbf800000, 0x00000001, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x5f000000];
    private static readonly ulong[] F64Edges = [0, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff4000000000000, 0x7ff0000000000001, 0x3ff0000000000000, 0xbff0000000000000, 1, 0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000, 0x43e0000000000000];

    private readonly Random random = new(seed);

    public int NextI32() => random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : I32Edges[random.Next(I32Edges.Length)];

    public long NextI64() => random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : I64Edges[random.Next(I64Edges.Length)];

    public uint NextF32Bits() => random.Next(3) == 0 ? (uint)random.Next(int.MinValue, int.MaxValue) : F32Edges[random.Next(F32Edges.Length)];

    public ulong NextF64Bits() => random.Next(3) == 0 ? (ulong)random.NextInt64(long.MinValue, long.MaxValue) : F64Edges[random.Next(F64Edges.Length)];

    public byte[] NextV128()
    {
        var bytes = new byte[16];
        if (random.Next(2) == 0) random.NextBytes(bytes);
        return bytes;
    }
}
