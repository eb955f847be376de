using Heron.Components.Runtime;

namespace Heron.Components.Canon;

/// <summary>
/// Moving resource handles across a call, as the canonical ABI does it: lifting takes a handle out of (or
/// borrows it from) an instance's table, lowering puts one in. Used by the interpreted and the compiled
/// paths alike, so the traps are worded once.
/// </summary>
internal static class HandleOps
{
    /// <summary>An owned handle the instance gives away: it leaves the table.</summary>
    public static ResourceHandle LiftOwn(InstanceState instance, uint index, ResourceType type)
    {
        var entry = instance.Handles.Get(index);
        if (!ReferenceEquals(entry.Type, type)) throw CanonTrap.Create(WrongType(index, type, entry.Type));
        CanonTrap.If(entry.Lends != 0, "cannot remove owned resource while borrowed");
        CanonTrap.If(!entry.Owned, "cannot transfer a borrowed handle as an owned one");
        instance.Handles.Remove(index);
        return new ResourceHandle(type, entry.Representation, isBorrow: false);
    }

    /// <summary>A handle the instance lends for the call: an owned one cannot move or drop until the call ends.</summary>
    public static ResourceHandle LiftBorrow(InstanceState instance, CallScope scope, uint index, ResourceType type)
    {
        var lent = instance.Handles.Get(index);
        if (!ReferenceEquals(lent.Type, type)) throw CanonTrap.Create(WrongType(index, type, lent.Type));
        if (lent.Owned) scope.AddLender(lent);
        return new ResourceHandle(type, lent.Representation, isBorrow: true);
    }

    /// <summary>An owned handle given to the instance: it enters its table, and the giver's handle is spent.</summary>
    public static uint LowerOwn(InstanceState instance, ResourceHandle handle, ResourceType type)
    {
        CheckType(handle, type);
        if (handle.IsBorrow) throw new ArgumentException($"a borrowed {handle.Type.Name} cannot be given away as an owned one");
        if (handle.IsConsumed) throw new ArgumentException($"the owned {handle.Type.Name} handle was already given away or dropped");
        handle.IsConsumed = true;
        return (uint)instance.Handles.Add(new HandleEntry(type, handle.Representation, owned: true));
    }

    /// <summary>A handle lent to the instance for the call, which must drop it before returning.</summary>
    public static uint LowerBorrow(InstanceState instance, CallScope scope, ResourceHandle handle, ResourceType type)
    {
        CheckType(handle, type);
        // A borrow coming home to the instance that implements the resource is just its representation.
        if (ReferenceEquals(type.Implementation, instance)) return handle.Representation;
        scope.Borrows++;
        return (uint)instance.Handles.Add(new HandleEntry(type, handle.Representation, owned: false, scope));
    }

    internal static string WrongType(uint index, ResourceType expected, ResourceType found) =>
        $"handle index {index} used with the wrong type, expected {expected.Name} but found {found.Name}";

    private static void CheckType(ResourceHandle handle, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!ReferenceEquals(handle.Type, type))
            throw new ArgumentException($"a handle of {handle.Type.Name} was given where {type.Name} is expected");
    }
}
