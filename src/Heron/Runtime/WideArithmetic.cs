namespace Heron.Runtime;

/// <summary>
/// The wide-arithmetic proposal's 128-bit operations on pairs of i64 halves (low first). Each returns the
/// low half and writes the high half through <c>high</c>, so compiled code gets both results with one call
/// and a local, in the operand order the instructions push them.
/// </summary>
internal static class WideArithmetic
{
    public static long Add128(long lowA, long highA, long lowB, long highB, out long high)
    {
        var sum = new UInt128((ulong)highA, (ulong)lowA) + new UInt128((ulong)highB, (ulong)lowB);
        high = (long)(ulong)(sum >> 64);
        return (long)(ulong)sum;
    }

    public static long Sub128(long lowA, long highA, long lowB, long highB, out long high)
    {
        var difference = new UInt128((ulong)highA, (ulong)lowA) - new UInt128((ulong)highB, (ulong)lowB);
        high = (long)(ulong)(difference >> 64);
        return (long)(ulong)difference;
    }

    public static long MulWideS(long a, long b, out long high)
    {
        high = Math.BigMul(a, b, out var low);
        return low;
    }

    public static long MulWideU(long a, long b, out long high)
    {
        high = (long)Math.BigMul((ulong)a, (ulong)b, out var low);
        return (long)low;
    }
}
