using Heron.Components.Runtime;

namespace Heron.Components.Canon;

/// <summary>
/// What the interpreted lifting and lowering of one call need: the canonical options bound to their
/// instance (<see cref="CanonicalAbi"/>) and the call whose borrows are scoped.
/// </summary>
internal sealed class CanonContext(CanonicalAbi abi, CallScope scope)
{
    public CanonicalAbi Abi { get; } = abi;
    public CanonOptions Options => Abi.Options;
    public InstanceState Instance => Abi.Instance;
    public CallScope Scope { get; } = scope;

    public Memory Memory => Abi.Memory;

    /// <summary>Calls the guest's realloc; the instance may not call out while it runs.</summary>
    public uint Reallocate(uint oldPointer, uint oldSize, uint alignment, uint newSize) => Abi.Realloc(oldPointer, oldSize, alignment, newSize);

    public uint Allocate(uint alignment, uint size) => Reallocate(0, 0, alignment, size);

    /// <inheritdoc cref="CanonicalAbi.CheckRange"/>
    public void CheckRange(ulong pointer, ulong length, int alignment, string outOfBounds, string misaligned) =>
        Abi.CheckRange(pointer, length, alignment, outOfBounds, misaligned);

    /// <summary>Checks memory the guest's realloc returned.</summary>
    public void CheckAllocation(ulong pointer, ulong length, int alignment) => Abi.CheckAllocation(pointer, length, alignment);
}
