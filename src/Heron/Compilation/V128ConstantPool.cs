using System.Runtime.InteropServices;

namespace Heron.Compilation;

/// <summary>
/// The process-wide pool of 16-byte aligned native copies of v128 constants (v128.const, shuffle masks) that
/// compiled code loads with <c>ldobj</c>: one block per distinct constant, kept as long as the process. An
/// open-addressed table of Heron's own under a lock: a <c>ConcurrentDictionary</c> keyed by a tuple is
/// framework generic code ReadyToRun leaves out, about twenty methods JIT-compiled at the start of every
/// run that compiled a SIMD module.
/// </summary>
internal static unsafe class V128ConstantPool
{
    private static readonly Lock Gate = new();
    private static ulong[] lows = new ulong[64];
    private static ulong[] highs = new ulong[64];
    private static nint[] addresses = new nint[64];
    private static int count;

    /// <summary>The address of the pooled copy of the constant <paramref name="low"/>, <paramref name="high"/>.</summary>
    public static nint AddressOf(ulong low, ulong high)
    {
        lock (Gate)
        {
            var slot = Find(addresses, lows, highs, low, high);
            if (addresses[slot] != 0) return addresses[slot];
            if (2 * (count + 1) > addresses.Length)
            {
                Grow();
                slot = Find(addresses, lows, highs, low, high);
            }
            var block = (ulong*)NativeMemory.AlignedAlloc(16, 16);
            block[0] = low;
            block[1] = high;
            lows[slot] = low;
            highs[slot] = high;
            addresses[slot] = (nint)block;
            count++;
            return (nint)block;
        }
    }

    /// <summary>The slot holding the constant, or the empty slot where it belongs (the table is never full).</summary>
    private static int Find(nint[] addresses, ulong[] lows, ulong[] highs, ulong low, ulong high)
    {
        var mask = addresses.Length - 1;
        var slot = (int)((low * 0x9E3779B97F4A7C15UL ^ high) >> 40) & mask;
        while (addresses[slot] != 0 && (lows[slot] != low || highs[slot] != high)) slot = (slot + 1) & mask;
        return slot;
    }

    private static void Grow()
    {
        var oldLows = lows;
        var oldHighs = highs;
        var oldAddresses = addresses;
        lows = new ulong[oldAddresses.Length * 2];
        highs = new ulong[lows.Length];
        addresses = new nint[lows.Length];
        for (int i = 0; i < oldAddresses.Length; i++)
        {
            if (oldAddresses[i] == 0) continue;
            var slot = Find(addresses, lows, highs, oldLows[i], oldHighs[i]);
            lows[slot] = oldLows[i];
            highs[slot] = oldHighs[i];
            addresses[slot] = oldAddresses[i];
        }
    }
}
