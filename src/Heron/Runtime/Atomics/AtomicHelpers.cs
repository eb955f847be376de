using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Heron.Runtime.Atomics;

/// <summary>
/// The atomic instructions as compiled code calls them, one method per instruction named after its
/// <see cref="Instructions.Opcode"/>, on an address already checked for bounds and alignment. Every one is
/// sequentially consistent, as the threads proposal requires: read-modify-writes and stores are
/// <see cref="Interlocked"/> operations (a locked instruction on x64, a full-barrier one on arm64), loads are
/// <see cref="Volatile"/> reads (plain loads on x64, whose locked stores already order them; <c>ldar</c> on
/// arm64). Byte and 16-bit read-modify-writes that <see cref="Interlocked"/> has no instruction for loop on a
/// compare-and-swap of that very byte or halfword (a hardware operation of that width), so neighbouring
/// bytes are never written. Narrow results are zero-extended, as the <c>_u</c> in their names says; a narrow
/// compare-exchange compares with its expected value wrapped to the access width, as Wasmtime and V8 do.
/// </summary>
internal static unsafe class AtomicHelpers
{
    private enum Rmw { Add, Sub, And, Or, Xor }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Apply(Rmw op, ulong old, ulong operand) => op switch
    {
        Rmw.Add => old + operand,
        Rmw.Sub => old - operand,
        Rmw.And => old & operand,
        Rmw.Or => old | operand,
        _ => old ^ operand,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Update8(byte* at, ulong operand, Rmw op)
    {
        byte old;
        do old = Volatile.Read(ref *at);
        while (Interlocked.CompareExchange(ref *at, (byte)Apply(op, old, operand), old) != old);
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Update16(byte* at, ulong operand, Rmw op)
    {
        ushort old;
        do old = Volatile.Read(ref *(ushort*)at);
        while (Interlocked.CompareExchange(ref *(ushort*)at, (ushort)Apply(op, old, operand), old) != old);
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Update32(byte* at, uint operand, Rmw op) => op switch
    {
        Rmw.Add => Interlocked.Add(ref *(uint*)at, operand) - operand,
        Rmw.Sub => Interlocked.Add(ref *(uint*)at, 0u - operand) + operand,
        Rmw.And => Interlocked.And(ref *(uint*)at, operand),
        Rmw.Or => Interlocked.Or(ref *(uint*)at, operand),
        _ => Xor32(at, operand),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Update64(byte* at, ulong operand, Rmw op) => op switch
    {
        Rmw.Add => Interlocked.Add(ref *(ulong*)at, operand) - operand,
        Rmw.Sub => Interlocked.Add(ref *(ulong*)at, 0ul - operand) + operand,
        Rmw.And => Interlocked.And(ref *(ulong*)at, operand),
        Rmw.Or => Interlocked.Or(ref *(ulong*)at, operand),
        _ => Xor64(at, operand),
    };

    private static uint Xor32(byte* at, uint operand)
    {
        uint old;
        do old = Volatile.Read(ref *(uint*)at);
        while (Interlocked.CompareExchange(ref *(uint*)at, old ^ operand, old) != old);
        return old;
    }

    private static ulong Xor64(byte* at, ulong operand)
    {
        ulong old;
        do old = Volatile.Read(ref *(ulong*)at);
        while (Interlocked.CompareExchange(ref *(ulong*)at, old ^ operand, old) != old);
        return old;
    }

    // ---- the checks compiled code makes before the access (alignment comes first, as in Wasmtime) ----

    /// <summary>Traps unless <c>address + offset</c> is a multiple of <c>mask + 1</c>; <paramref name="offsetLow"/> is the memarg offset's bits under the mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Aligned32(int address, int offsetLow, int mask)
    {
        if (((address + offsetLow) & mask) != 0) Unaligned();
        return address;
    }

    /// <summary>As <see cref="Aligned32"/>, for a 64-bit memory's address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Aligned64(long address, int offsetLow, int mask)
    {
        if (((int)address + offsetLow & mask) != 0) Unaligned();
        return address;
    }

    /// <summary>
    /// For wait and notify only, before the alignment check: traps out of bounds when <c>address + offset</c> does
    /// not fit the 32-bit index type. Wasmtime adds a wait's or notify's offset with an overflow trap before it
    /// checks the alignment (loads, stores and read-modify-writes check the alignment first), and this keeps
    /// Heron's trap the same when both apply (differential fuzzing, threads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexFits32(int address, int offset)
    {
        if ((ulong)(uint)address + (uint)offset > uint.MaxValue) TrapHelpers.MemoryOutOfBounds();
        return address;
    }

    /// <summary>As <see cref="IndexFits32"/>, for a 64-bit memory: traps when <c>address + offset</c> passes 2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IndexFits64(long address, long offset)
    {
        if ((ulong)address > ulong.MaxValue - (ulong)offset) TrapHelpers.MemoryOutOfBounds();
        return address;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void Unaligned() => throw new TrapException(TrapCode.UnalignedAtomic, "unaligned atomic");

    // ---- wait and notify ----

    public static int MemoryAtomicNotify(byte* at, int count, LinearMemory memory) =>
        memory.Waiters is { } waiters ? waiters.Notify((ulong)(at - memory.Base), (uint)count) : 0;

    public static int MemoryAtomicWait32(byte* at, int expected, long timeout, LinearMemory memory) =>
        WaitersOf(memory).Wait((ulong)(at - memory.Base), at, expected, 4, timeout);

    public static int MemoryAtomicWait64(byte* at, long expected, long timeout, LinearMemory memory) =>
        WaitersOf(memory).Wait((ulong)(at - memory.Base), at, expected, 8, timeout);

    private static AtomicWaiters WaitersOf(LinearMemory memory) =>
        memory.Waiters ?? throw new TrapException(TrapCode.AtomicWaitNonSharedMemory, "atomic wait on non-shared memory");

    // ---- loads and stores ----
    public static int I32AtomicLoad(byte* at) => Volatile.Read(ref *(int*)at);
    public static long I64AtomicLoad(byte* at) => Volatile.Read(ref *(long*)at);
    public static int I32AtomicLoad8U(byte* at) => Volatile.Read(ref *(byte*)at);
    public static int I32AtomicLoad16U(byte* at) => Volatile.Read(ref *(ushort*)at);
    public static long I64AtomicLoad8U(byte* at) => Volatile.Read(ref *(byte*)at);
    public static long I64AtomicLoad16U(byte* at) => Volatile.Read(ref *(ushort*)at);
    public static long I64AtomicLoad32U(byte* at) => Volatile.Read(ref *(uint*)at);

    public static void I32AtomicStore(byte* at, int value) => Interlocked.Exchange(ref *(uint*)at, (uint)value);
    public static void I64AtomicStore(byte* at, long value) => Interlocked.Exchange(ref *(ulong*)at, (ulong)value);
    public static void I32AtomicStore8(byte* at, int value) => Interlocked.Exchange(ref *(byte*)at, (byte)value);
    public static void I32AtomicStore16(byte* at, int value) => Interlocked.Exchange(ref *(ushort*)at, (ushort)value);
    public static void I64AtomicStore8(byte* at, long value) => Interlocked.Exchange(ref *(byte*)at, (byte)value);
    public static void I64AtomicStore16(byte* at, long value) => Interlocked.Exchange(ref *(ushort*)at, (ushort)value);
    public static void I64AtomicStore32(byte* at, long value) => Interlocked.Exchange(ref *(uint*)at, (uint)value);

    // ---- read-modify-writes: each returns the value the memory held before ----
    public static int I32AtomicRmwAdd(byte* at, int value) => (int)Update32(at, (uint)value, Rmw.Add);
    public static long I64AtomicRmwAdd(byte* at, long value) => (long)Update64(at, (ulong)value, Rmw.Add);
    public static int I32AtomicRmw8AddU(byte* at, int value) => Update8(at, (ulong)value, Rmw.Add);
    public static int I32AtomicRmw16AddU(byte* at, int value) => Update16(at, (ulong)value, Rmw.Add);
    public static long I64AtomicRmw8AddU(byte* at, long value) => Update8(at, (ulong)value, Rmw.Add);
    public static long I64AtomicRmw16AddU(byte* at, long value) => Update16(at, (ulong)value, Rmw.Add);
    public static long I64AtomicRmw32AddU(byte* at, long value) => Update32(at, (uint)value, Rmw.Add);

    public static int I32AtomicRmwSub(byte* at, int value) => (int)Update32(at, (uint)value, Rmw.Sub);
    public static long I64AtomicRmwSub(byte* at, long value) => (long)Update64(at, (ulong)value, Rmw.Sub);
    public static int I32AtomicRmw8SubU(byte* at, int value) => Update8(at, (ulong)value, Rmw.Sub);
    public static int I32AtomicRmw16SubU(byte* at, int value) => Update16(at, (ulong)value, Rmw.Sub);
    public static long I64AtomicRmw8SubU(byte* at, long value) => Update8(at, (ulong)value, Rmw.Sub);
    public static long I64AtomicRmw16SubU(byte* at, long value) => Update16(at, (ulong)value, Rmw.Sub);
    public static long I64AtomicRmw32SubU(byte* at, long value) => Update32(at, (uint)value, Rmw.Sub);

    public static int I32AtomicRmwAnd(byte* at, int value) => (int)Update32(at, (uint)value, Rmw.And);
    public static long I64AtomicRmwAnd(byte* at, long value) => (long)Update64(at, (ulong)value, Rmw.And);
    public static int I32AtomicRmw8AndU(byte* at, int value) => Update8(at, (ulong)value, Rmw.And);
    public static int I32AtomicRmw16AndU(byte* at, int value) => Update16(at, (ulong)value, Rmw.And);
    public static long I64AtomicRmw8AndU(byte* at, long value) => Update8(at, (ulong)value, Rmw.And);
    public static long I64AtomicRmw16AndU(byte* at, long value) => Update16(at, (ulong)value, Rmw.And);
    public static long I64AtomicRmw32AndU(byte* at, long value) => Update32(at, (uint)value, Rmw.And);

    public static int I32AtomicRmwOr(byte* at, int value) => (int)Update32(at, (uint)value, Rmw.Or);
    public static long I64AtomicRmwOr(byte* at, long value) => (long)Update64(at, (ulong)value, Rmw.Or);
    public static int I32AtomicRmw8OrU(byte* at, int value) => Update8(at, (ulong)value, Rmw.Or);
    public static int I32AtomicRmw16OrU(byte* at, int value) => Update16(at, (ulong)value, Rmw.Or);
    public static long I64AtomicRmw8OrU(byte* at, long value) => Update8(at, (ulong)value, Rmw.Or);
    public static long I64AtomicRmw16OrU(byte* at, long value) => Update16(at, (ulong)value, Rmw.Or);
    public static long I64AtomicRmw32OrU(byte* at, long value) => Update32(at, (uint)value, Rmw.Or);

    public static int I32AtomicRmwXor(byte* at, int value) => (int)Update32(at, (uint)value, Rmw.Xor);
    public static long I64AtomicRmwXor(byte* at, long value) => (long)Update64(at, (ulong)value, Rmw.Xor);
    public static int I32AtomicRmw8XorU(byte* at, int value) => Update8(at, (ulong)value, Rmw.Xor);
    public static int I32AtomicRmw16XorU(byte* at, int value) => Update16(at, (ulong)value, Rmw.Xor);
    public static long I64AtomicRmw8XorU(byte* at, long value) => Update8(at, (ulong)value, Rmw.Xor);
    public static long I64AtomicRmw16XorU(byte* at, long value) => Update16(at, (ulong)value, Rmw.Xor);
    public static long I64AtomicRmw32XorU(byte* at, long value) => Update32(at, (uint)value, Rmw.Xor);

    public static int I32AtomicRmwXchg(byte* at, int value) => (int)Interlocked.Exchange(ref *(uint*)at, (uint)value);
    public static long I64AtomicRmwXchg(byte* at, long value) => (long)Interlocked.Exchange(ref *(ulong*)at, (ulong)value);
    public static int I32AtomicRmw8XchgU(byte* at, int value) => Interlocked.Exchange(ref *(byte*)at, (byte)value);
    public static int I32AtomicRmw16XchgU(byte* at, int value) => Interlocked.Exchange(ref *(ushort*)at, (ushort)value);
    public static long I64AtomicRmw8XchgU(byte* at, long value) => Interlocked.Exchange(ref *(byte*)at, (byte)value);
    public static long I64AtomicRmw16XchgU(byte* at, long value) => Interlocked.Exchange(ref *(ushort*)at, (ushort)value);
    public static long I64AtomicRmw32XchgU(byte* at, long value) => Interlocked.Exchange(ref *(uint*)at, (uint)value);

    public static int I32AtomicRmwCmpxchg(byte* at, int expected, int replacement) => (int)Interlocked.CompareExchange(ref *(uint*)at, (uint)replacement, (uint)expected);
    public static long I64AtomicRmwCmpxchg(byte* at, long expected, long replacement) => (long)Interlocked.CompareExchange(ref *(ulong*)at, (ulong)replacement, (ulong)expected);
    public static int I32AtomicRmw8CmpxchgU(byte* at, int expected, int replacement) =>
        Interlocked.CompareExchange(ref *(byte*)at, (byte)replacement, (byte)expected);
    public static int I32AtomicRmw16CmpxchgU(byte* at, int expected, int replacement) =>
        Interlocked.CompareExchange(ref *(ushort*)at, (ushort)replacement, (ushort)expected);
    public static long I64AtomicRmw8CmpxchgU(byte* at, long expected, long replacement) =>
        Interlocked.CompareExchange(ref *(byte*)at, (byte)replacement, (byte)expected);
    public static long I64AtomicRmw16CmpxchgU(byte* at, long expected, long replacement) =>
        Interlocked.CompareExchange(ref *(ushort*)at, (ushort)replacement, (ushort)expected);
    public static long I64AtomicRmw32CmpxchgU(byte* at, long expected, long replacement) =>
        Interlocked.CompareExchange(ref *(uint*)at, (uint)replacement, (uint)expected);
}
