using System.Runtime.Intrinsics;

namespace Heron.Runtime;

/// <summary>
/// A 128-bit vector on the heap: the storage of a v128 global, and a vector carried by a
/// <see cref="WasmValue"/>. Kept out of <see cref="GlobalCell"/> and <see cref="WasmValue"/> themselves because
/// ReadyToRun cannot fix the layout of a type with a Vector128 field, and leaves every method touching such a
/// type to the JIT at each start (instantiation included); only code handling vectors touches this one.
/// </summary>
internal sealed class V128Box
{
    public Vector128<byte> Value;
}
