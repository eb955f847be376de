namespace Heron.Components.Runtime;

/// <summary>
/// The runtime state the canonical ABI keeps per component instance: its handle table and the two flags
/// that stop re-entrance. <see cref="MayEnter"/> is false while a call into the instance runs (a component
/// is not re-entrant) and forever after a trap left it in an unknown state; <see cref="MayLeave"/> is false
/// while the instance runs code that must not call out (realloc, post-return).
/// </summary>
internal sealed class InstanceState(InstanceState? parent)
{
    public InstanceState? Parent { get; } = parent;
    public HandleTable Handles { get; } = new();
    public bool MayEnter { get; set; } = true;
    public bool MayLeave { get; set; } = true;

    /// <summary>Set once a trap left the instance (or a child) unusable; every later entry traps.</summary>
    public bool Poisoned { get; set; }

    /// <summary>The instances a call from <paramref name="caller"/> enters: this one and its ancestors not already entered.</summary>
    public List<InstanceState> EnteringSet(InstanceState? caller)
    {
        var callerChain = new HashSet<InstanceState>();
        for (var i = caller; i != null; i = i.Parent) callerChain.Add(i);
        var result = new List<InstanceState>();
        for (var i = this; i != null; i = i.Parent) if (!callerChain.Contains(i)) result.Add(i);
        return result;
    }
}
