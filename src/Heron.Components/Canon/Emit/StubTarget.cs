using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// What a compiled stub reads at run time, everything its signature's shape does not fix: the canonical
/// options bound to their instance, the memory, and the resource types its handles have (in the order
/// <see cref="StubKey"/> numbers them). Fields, not properties: the stubs load them directly.
/// </summary>
internal abstract class StubTarget(CanonicalAbi abi, ResourceType[] resources)
{
    public readonly CanonicalAbi Abi = abi;
    public readonly LinearMemory? Memory = abi.LinearMemory;
    public readonly InstanceState Instance = abi.Instance;
    public readonly ResourceType[] Resources = resources;
}

/// <summary>The target of a lifted function's stubs: the core function to call, its post-return, its store.</summary>
internal sealed class LiftTarget(CanonicalFunction function, ResourceType[] resources) : StubTarget(function.Abi, resources)
{
    public readonly CanonicalFunction Function = function;
    public readonly nint CoreCode = function.Core.Runtime.Code;
    public readonly InstanceContext CoreContext = function.Core.Runtime.Context;
    public readonly nint PostReturnCode = function.PostReturn?.Runtime.Code ?? 0;
    public readonly InstanceContext? PostReturnContext = function.PostReturn?.Runtime.Context;
    public readonly StoreRuntime Runtime = function.Core.Runtime.Context.Runtime;
}

/// <summary>The target of a lowered function's stub: the function it calls (or the host's typed delegate).</summary>
internal sealed class LowerTarget(CanonicalAbi abi, ResourceType[] resources, ComponentFunction callee, Delegate? typed)
    : StubTarget(abi, resources)
{
    public readonly ComponentFunction Callee = callee;
    public readonly Delegate? Typed = typed;
}
