using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// The traps of GC instructions, made out of line and returned for the caller to throw (see
/// <see cref="TrapHelpers.MemoryOutOfBoundsTrap"/> for why), with the reference interpreter's wording.
/// </summary>
internal static class GcTraps
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception NullStruct() => new TrapException(TrapCode.NullReference, "null structure reference");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception NullArray() => new TrapException(TrapCode.NullReference, "null array reference");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception NullI31() => new TrapException(TrapCode.NullReference, "null i31 reference");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception ArrayOutOfBounds() => new TrapException(TrapCode.ArrayOutOfBounds, "out of bounds array access");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CastFailure() => new TrapException(TrapCode.CastFailure, "cast failure");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception LimitExceeded(long bytes) =>
        new TrapException(TrapCode.GcAllocationTooLarge, $"GC allocation limit exceeded: allocating {bytes} more bytes goes past the store's limit");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception TooLarge(long bytes) =>
        new TrapException(TrapCode.GcAllocationTooLarge, $"allocation size too large: {bytes} bytes");
}
