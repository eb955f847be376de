using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Heron.Runtime;

/// <summary>
/// memory.fill's byte loop, written out in Heron instead of calling the framework's. What the framework
/// offers (<c>Unsafe.InitBlockUnaligned</c>, <c>Span.Fill</c>, <c>NativeMemory.Fill</c>) all reach
/// <c>SpanHelpers.Fill</c>, which is written over <c>Vector&lt;T&gt;</c> and so has no ReadyToRun code: every
/// process runs it as tier-0 code, where each vector operation and each <c>Unsafe</c> call is a call of its
/// own, until it has been called 30 times and the tiering delay has passed. A guest that clears large
/// allocations (calloc) paid for that in every short run: sightglass hashset's run went from 22 ms to
/// 16 ms in one process at the moment the framework's fill reached tier 1. This loop uses only stores of
/// <see cref="Vector128{T}"/> through pointers, which ReadyToRun compiles (SSE2 and AdvSimd are in every
/// baseline) and which even tier-0 code emits as single stores.
/// <para>
/// It is also marked for full optimisation at its first call: in an application that is not published
/// ReadyToRun (any <c>dotnet run</c>), Heron's own code starts at tier 0 like the rest, and a process that
/// keeps compiling modules keeps postponing tier 1. sightglass hashset's run in such a process: 18.1-19.4 ms
/// → 15.7-18.5 ms (four alternating pairs). ReadyToRun leaves such a method out of its image, so the
/// installed tool compiles it once when a guest first fills memory: one method, whole process 0.99x.
/// </para>
/// </summary>
internal static unsafe class MemoryFill
{
    /// <summary>Sets <paramref name="count"/> bytes from <paramref name="at"/> to <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Bytes(byte* at, byte value, nuint count)
    {
        if (count < 16)
        {
            for (nuint i = 0; i < count; i++) at[i] = value;
            return;
        }
        var vector = Vector128.Create(value);
        var end = at + count;
        // One unaligned store covers the head; the loop then stores aligned blocks, and one unaligned
        // store ending at the last byte covers the tail (both may overlap what the loop wrote).
        *(Vector128<byte>*)at = vector;
        var next = (byte*)(((nuint)at + 16) & ~(nuint)15);
        for (; next + 64 <= end; next += 64)
        {
            *(Vector128<byte>*)next = vector;
            *(Vector128<byte>*)(next + 16) = vector;
            *(Vector128<byte>*)(next + 32) = vector;
            *(Vector128<byte>*)(next + 48) = vector;
        }
        for (; next + 16 <= end; next += 16) *(Vector128<byte>*)next = vector;
        *(Vector128<byte>*)(end - 16) = vector;
    }
}
