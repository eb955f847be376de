using Heron.Components.Canon;
using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// One call into a <see cref="CanonicalFunction"/> in progress (from <see cref="CanonicalFunction.Enter"/>):
/// what lowering the arguments and lifting the result need beyond memory (resource handles, which go through
/// the callee's handle table), and the end of the call.
/// </summary>
public readonly struct CanonicalCall
{
    private readonly CanonicalFunction _function;
    private readonly InstanceState[] _entering;
    private readonly CallScope? _scope;

    internal CanonicalCall(CanonicalFunction function, InstanceState[] entering, CallScope? scope)
    {
        _function = function;
        _entering = entering;
        _scope = scope;
    }

    /// <summary>The callee's canonical options: its memory, realloc and string encoding.</summary>
    public CanonicalAbi Abi => Function.Abi;

    private CanonicalFunction Function => _function ?? throw new InvalidOperationException("the call was not started with CanonicalFunction.Enter");

    /// <summary>
    /// Gives the callee an owned handle of <paramref name="type"/> (it enters the callee's table and the host's
    /// handle is spent); returns the i32 to pass.
    /// </summary>
    public uint LowerOwn(ResourceHandle handle, ResourceType type) => HandleOps.LowerOwn(Function.Instance, handle, type);

    /// <summary>Lends the callee a handle for this call (it must drop the borrow before returning); returns the i32 to pass.</summary>
    public uint LowerBorrow(ResourceHandle handle, ResourceType type) =>
        HandleOps.LowerBorrow(Function.Instance, _scope ?? throw new InvalidOperationException($"{Function.Type} takes no borrowed handle"), handle, type);

    /// <summary>Takes an owned handle the callee returned (an index into its table) as a host handle.</summary>
    public ResourceHandle LiftOwn(uint index, ResourceType type) => HandleOps.LiftOwn(Function.Instance, index, type);

    /// <summary>
    /// The result is lifted: traps when the callee still holds a borrowed handle, then closes the instance to
    /// calls out while <see cref="CanonicalFunction.PostReturn"/> runs.
    /// </summary>
    public void Return()
    {
        CanonTrap.If(_scope is { Borrows: not 0 }, "borrow handles still remain at the end of the call");
        Function.Instance.MayLeave = false;
    }

    /// <summary>
    /// Ends the call (call it in a <c>finally</c>). <paramref name="completed"/> false, for a call that failed
    /// part-way, leaves the instance unusable: every later call traps, as the component model requires.
    /// </summary>
    public void Exit(bool completed)
    {
        Function.Instance.MayLeave = true;
        InstanceState.Leave(_entering, completed);
    }

    internal CallScope? Scope => _scope;
}
