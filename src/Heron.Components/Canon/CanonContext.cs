using Heron.Components.Runtime;

namespace Heron.Components.Canon;

/// <summary>
/// What lifting or lowering one call's values needs: the canonical options (memory, realloc, string
/// encoding), the instance whose handle table handles go through, and the call whose borrows are scoped.
/// </summary>
internal sealed class CanonContext(CanonOptions options, InstanceState instance, CallScope scope)
{
    public CanonOptions Options { get; } = options;
    public InstanceState Instance { get; } = instance;
    public CallScope Scope { get; } = scope;

    public Memory Memory => Options.RequireMemory();

    /// <summary>Calls the guest's realloc; the instance may not call out while it runs.</summary>
    public uint Reallocate(uint oldPointer, uint oldSize, uint alignment, uint newSize)
    {
        var realloc = Options.Realloc ?? throw CanonTrap.Create("a canonical option needs realloc and none was given");
        Instance.MayLeave = false;
        try
        {
            var result = realloc.Invoke(Value.I32((int)oldPointer), Value.I32((int)oldSize), Value.I32((int)alignment), Value.I32((int)newSize));
            return (uint)result[0].AsI32();
        }
        finally
        {
            Instance.MayLeave = true;
        }
    }

    public uint Allocate(uint alignment, uint size) => Reallocate(0, 0, alignment, size);

    /// <summary>
    /// Traps unless [pointer, pointer + length) is inside the memory and the pointer is aligned. The
    /// messages are those the test suites look for (Wasmtime's and the reference's wording).
    /// </summary>
    public void CheckRange(ulong pointer, ulong length, int alignment, string outOfBounds, string misaligned)
    {
        CanonTrap.If(pointer % (ulong)alignment != 0, misaligned);
        CanonTrap.If(pointer + length > (ulong)Memory.Size, outOfBounds);
    }

    /// <summary>Checks memory the guest's realloc returned.</summary>
    public void CheckAllocation(ulong pointer, ulong length, int alignment) =>
        CheckRange(pointer, length, alignment, "realloc return: beyond end of memory", "realloc return: result not aligned");
}
