using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// The runtime state the canonical ABI keeps per component instance: its handle table and the two flags
/// that stop re-entrance. <see cref="MayEnter"/> is false while a call into the instance runs (a component
/// is not re-entrant) and forever after a trap left it in an unknown state; <see cref="MayLeave"/> is false
/// while the instance runs code that must not call out (realloc, post-return).
/// </summary>
internal sealed class InstanceState
{
    /// <summary>This instance and its ancestors, innermost first (computed once: every call consults it).</summary>
    private readonly InstanceState[] _chain;

    public InstanceState(InstanceState? parent)
    {
        Parent = parent;
        _chain = parent == null ? [this] : [this, .. parent._chain];
    }

    public InstanceState? Parent { get; }
    public HandleTable Handles { get; } = new();
    public bool MayEnter { get; set; } = true;
    public bool MayLeave { get; set; } = true;

    /// <summary>Set once a trap left the instance (or a child) unusable; every later entry traps.</summary>
    public bool Poisoned { get; set; }

    /// <summary>True when this instance is <paramref name="instance"/> or nested inside it.</summary>
    public bool IsWithin(InstanceState instance) => Array.IndexOf(_chain, instance) >= 0;

    /// <summary>The instances a call from <paramref name="caller"/> enters: this one and its ancestors not already entered.</summary>
    public InstanceState[] EnteringSet(InstanceState? caller)
    {
        if (caller == null) return _chain;
        var result = new List<InstanceState>(_chain.Length);
        foreach (var instance in _chain) if (Array.IndexOf(caller._chain, instance) < 0) result.Add(instance);
        return result.ToArray();
    }

    /// <summary>
    /// Starts a call into this instance from <paramref name="caller"/> (null for the host): traps when any
    /// instance it enters is running a call already or was left unusable by a trap, else marks them entered.
    /// Returns the set to hand to <see cref="Leave"/>.
    /// </summary>
    public InstanceState[] Enter(InstanceState? caller)
    {
        // A call from inside this instance itself (or a child of it) would re-enter it: lowering one's own
        // export and calling it, even during instantiation, traps rather than recursing.
        CanonTrap.If(caller != null && caller.IsWithin(this), "cannot enter component instance");
        var entering = EnteringSet(caller);
        foreach (var entered in entering) CanonTrap.If(!entered.MayEnter || entered.Poisoned, "cannot enter component instance");
        foreach (var entered in entering) entered.MayEnter = false;
        return entering;
    }

    /// <summary>
    /// Ends a call: a completed one lets the instances be entered again; a call that failed part-way leaves
    /// them in an unknown state, so they stay closed for good.
    /// </summary>
    public static void Leave(InstanceState[] entering, bool completed)
    {
        foreach (var entered in entering)
        {
            if (completed) entered.MayEnter = true;
            else entered.Poisoned = true;
        }
    }
}
