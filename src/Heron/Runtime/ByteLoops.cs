using System.Numerics;
using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// What a recognised byte loop (see <c>Compilation.ByteLoop</c>) runs instead of its iterations. When every
/// address the loop would touch is in bounds, none wraps around 2^32, and (copying within one memory) the
/// loop's direction makes its byte-by-byte copy mean what a move means, the work is one bulk copy or fill.
/// Otherwise the loop runs here byte by byte, exactly as the guest's code would have: the bytes before a
/// trapping access are written, and an overlap in the wrong direction replicates bytes as the loop does.
/// <para>
/// The result of a copy or fill is the last byte loaded (0-255; 0 when filling), or <see cref="FirstAccessTrapped"/> /
/// <see cref="SecondAccessTrapped"/> when an access is out of bounds: the compiled code then traps at the load's
/// or the store's place, so that a backtrace names the instruction that failed. A compare loop
/// (<c>Compilation.ByteCompareLoop</c>) is run the same way by <see cref="Mismatch"/>. The entry points are
/// optimised at their first call, not tiered, as <see cref="MemoryFill"/> is, for the same reason.
/// </para>
/// </summary>
internal static unsafe class ByteLoops
{
    /// <summary>The result when the first access of an iteration (a copy's load, a compare's first load) was out of bounds.</summary>
    public const int FirstAccessTrapped = -1;

    /// <summary>The result when the second access was out of bounds (a copy's store, a compare's second load; a fill's store).</summary>
    public const int SecondAccessTrapped = -2;

    /// <summary>
    /// <paramref name="count"/> iterations (0: 2^32) of <c>store8(destination + i·stride, load8(source + i·stride))</c>,
    /// the addresses wrapping as i32 arithmetic does, each then offset by its access's static offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Copy(int destination, int source, int count, int stride, long destinationOffset, long sourceOffset,
        LinearMemory target, LinearMemory from)
    {
        ulong n = count == 0 ? 1UL << 32 : (uint)count;
        if (Span(destination, n, stride, (ulong)destinationOffset, target.Length, out var to)
            && Span(source, n, stride, (ulong)sourceOffset, from.Length, out var at)
            && (!ReferenceEquals(target, from) || MovesLikeLoop(to, at, n, stride)))
        {
            // The loop's last load reads the lowest source byte going down, the highest going up: read it
            // before the move, which may overwrite it.
            var last = from.Base[stride > 0 ? at + n - 1 : at];
            Buffer.MemoryCopy(from.Base + at, target.Base + to, n, n);
            return last;
        }
        return CopyEach(destination, source, n, stride, (ulong)destinationOffset, (ulong)sourceOffset, target, from);
    }

    /// <summary><paramref name="count"/> iterations (0: 2^32) of <c>store8(destination + i·stride, value)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Fill(int destination, int value, int count, int stride, long offset, LinearMemory target)
    {
        ulong n = count == 0 ? 1UL << 32 : (uint)count;
        if (Span(destination, n, stride, (ulong)offset, target.Length, out var to))
        {
            MemoryFill.Bytes(target.Base + to, (byte)value, (nuint)n);
            return 0;
        }
        for (ulong i = 0; i < n; i++)
        {
            var address = (uint)destination + (ulong)offset;
            if (address >= target.Length) return SecondAccessTrapped;
            target.Base[address] = (byte)value;
            destination = unchecked(destination + stride);
        }
        return 0;
    }

    /// <summary>In <see cref="Mismatch"/>'s result: the strings did not differ before the count ran out.</summary>
    public const long RanOut = 1L << 56;

    /// <summary>
    /// <paramref name="count"/> iterations (0: 2^32) at most of <c>x = load8(first + i); y = load8(second + i)</c>,
    /// stopping at the first <c>x != y</c>. The result packs the iteration it stopped at (or the count) in bits
    /// 0-32, the last two bytes loaded in bits 40-47 and 48-55, and <see cref="RanOut"/>; or it is
    /// <see cref="FirstAccessTrapped"/> (the first load of an iteration was out of bounds) or <see cref="SecondAccessTrapped"/>
    /// (the second).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Mismatch(int first, int second, int count, long firstOffset, long secondOffset, LinearMemory one, LinearMemory other)
    {
        ulong n = count == 0 ? 1UL << 32 : (uint)count;
        if (Span(first, n, 1, (ulong)firstOffset, one.Length, out var at) && Span(second, n, 1, (ulong)secondOffset, other.Length, out var bt))
        {
            byte* x = one.Base + at, y = other.Base + bt;
            var i = CommonPrefix(x, y, n);
            return i < n ? Stopped(i, x[i], y[i], 0) : Stopped(n, x[n - 1], y[n - 1], RanOut);
        }
        byte a = 0, b = 0;
        for (ulong i = 0; i < n; i++)
        {
            var read = (uint)first + (ulong)firstOffset;
            if (read >= one.Length) return FirstAccessTrapped;
            a = one.Base[read];
            read = (uint)second + (ulong)secondOffset;
            if (read >= other.Length) return SecondAccessTrapped;
            b = other.Base[read];
            if (a != b) return Stopped(i, a, b, 0);
            first = unchecked(first + 1);
            second = unchecked(second + 1);
        }
        return Stopped(n, a, b, RanOut);
    }

    private static long Stopped(ulong iteration, byte x, byte y, long flag) => (long)iteration | (long)x << 40 | (long)y << 48 | flag;

    /// <summary>How many bytes from the start <paramref name="x"/> and <paramref name="y"/> have in common, up to <paramref name="n"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong CommonPrefix(byte* x, byte* y, ulong n)
    {
        ulong i = 0;
        if (BitConverter.IsLittleEndian)
            for (; i + 8 <= n; i += 8)
            {
                var difference = Unsafe.ReadUnaligned<ulong>(x + i) ^ Unsafe.ReadUnaligned<ulong>(y + i);
                // Little-endian: the lowest set bit is in the first byte that differs.
                if (difference != 0) return i + (ulong)BitOperations.TrailingZeroCount(difference) / 8;
            }
        for (; i < n; i++)
            if (x[i] != y[i]) return i;
        return n;
    }

    /// <summary>
    /// The lowest effective address of <paramref name="n"/> accesses from <paramref name="first"/> in steps of
    /// <paramref name="stride"/>; false when the i32 addresses would wrap or any access is past <paramref name="length"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Span(int first, ulong n, int stride, ulong offset, ulong length, out ulong low)
    {
        ulong start = (uint)first;
        low = 0;
        if (stride > 0)
        {
            if (start + n > 1UL << 32) return false;
        }
        else
        {
            if (start < n - 1) return false;
            start -= n - 1;
        }
        low = start + offset;
        return low + n <= length;
    }

    /// <summary>
    /// Whether copying byte by byte in the loop's direction leaves what a move leaves: going up, when the
    /// destination does not start inside the source past its first byte; going down, the mirror case.
    /// </summary>
    private static bool MovesLikeLoop(ulong to, ulong at, ulong n, int stride) =>
        stride > 0 ? to <= at || to >= at + n : to >= at || to + n <= at;

    private static int CopyEach(int destination, int source, ulong n, int stride, ulong destinationOffset, ulong sourceOffset,
        LinearMemory target, LinearMemory from)
    {
        var last = 0;
        for (ulong i = 0; i < n; i++)
        {
            var read = (uint)source + sourceOffset;
            if (read >= from.Length) return FirstAccessTrapped;
            var value = from.Base[read];
            var write = (uint)destination + destinationOffset;
            if (write >= target.Length) return SecondAccessTrapped;
            target.Base[write] = value;
            last = value;
            destination = unchecked(destination + stride);
            source = unchecked(source + stride);
        }
        return last;
    }
}
