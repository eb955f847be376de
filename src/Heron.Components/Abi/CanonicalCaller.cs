using Heron.Components.Canon;
using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// What a host function given in its flat core form (see
/// <see cref="ComponentLinkerInstance.DefineCanonicalFunction"/>) receives first: the calling component's
/// canonical options (its memory, realloc and string encoding) and its handle table, for lifting the
/// arguments and lowering the result itself.
/// </summary>
public readonly struct CanonicalCaller
{
    private readonly CanonicalAbi _abi;
    private readonly CallScope? _scope;

    internal CanonicalCaller(CanonicalAbi abi, CallScope? scope)
    {
        _abi = abi;
        _scope = scope;
    }

    /// <summary>The caller's canonical options for this import: memory, realloc and string encoding.</summary>
    public CanonicalAbi Abi => _abi ?? throw new InvalidOperationException("this caller was not made by a component call");

    /// <summary>Takes an owned handle the caller passes (it leaves the caller's table).</summary>
    public ResourceHandle LiftOwn(uint index, ResourceType type) => HandleOps.LiftOwn(Abi.Instance, index, type);

    /// <summary>A handle the caller lends for the duration of the call.</summary>
    public ResourceHandle LiftBorrow(uint index, ResourceType type) =>
        HandleOps.LiftBorrow(Abi.Instance, _scope ?? throw new InvalidOperationException("the import's type takes no borrowed handle"), index, type);

    /// <summary>Gives the caller an owned handle (a result); returns the i32 to hand back.</summary>
    public uint LowerOwn(ResourceHandle handle, ResourceType type) => HandleOps.LowerOwn(Abi.Instance, handle, type);

    internal CallScope? Scope => _scope;
}
