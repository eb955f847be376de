using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Heron.Runtime.Exceptions;

/// <summary>
/// One payload value of a WebAssembly exception, written and read by compiled code through the field of
/// its type (numbers and vectors share the first 16 bytes; a reference has its own field, as the runtime
/// forbids overlapping a reference with other data).
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal struct ExceptionSlot
{
    [FieldOffset(0)] public int I32;
    [FieldOffset(0)] public long I64;
    [FieldOffset(0)] public float F32;
    [FieldOffset(0)] public double F64;
    [FieldOffset(0)] public Vector128<byte> V128;
    [FieldOffset(16)] public object? Ref;
}
