using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// <c>canon resource.new</c>, <c>resource.drop</c> and <c>resource.rep</c>: core functions over the
/// calling instance's handle table.
/// </summary>
internal static class ResourceBuiltins
{
    private static readonly FunctionType I32ToI32 = new([ValueType.I32], [ValueType.I32]);
    private static readonly FunctionType I32ToNothing = new([ValueType.I32], []);

    public static Function New(Store store, ResourceType type, InstanceState instance) =>
        new(store, I32ToI32, (_, arguments) =>
        {
            var index = instance.Handles.Add(new HandleEntry(type, (uint)arguments[0].AsI32(), owned: true));
            return [Value.I32(index)];
        });

    public static Function Rep(Store store, ResourceType type, InstanceState instance) =>
        new(store, I32ToI32, (_, arguments) =>
        {
            var index = (uint)arguments[0].AsI32();
            var entry = instance.Handles.Get(index);
            if (!ReferenceEquals(entry.Type, type)) throw CanonTrap.Create(HandleOps.WrongType(index, type, entry.Type));
            return [Value.I32((int)entry.Representation)];
        });

    public static Function Drop(Store store, ResourceType type, InstanceState instance) =>
        new(store, I32ToNothing, (_, arguments) =>
        {
            CanonTrap.If(!instance.MayLeave, "cannot leave component instance");
            var index = (uint)arguments[0].AsI32();
            var entry = instance.Handles.Get(index);
            if (!ReferenceEquals(entry.Type, type)) throw CanonTrap.Create(HandleOps.WrongType(index, type, entry.Type));
            CanonTrap.If(entry.Lends != 0, "cannot remove owned resource while borrowed");
            instance.Handles.Remove(index);
            if (!entry.Owned)
            {
                entry.BorrowScope!.Borrows--;
                return [];
            }
            RunDestructor(type, entry.Representation, instance);
            return [];
        });

    /// <summary>Runs the destructor of the resource's defining instance (or the host's) for a dropped owned handle.</summary>
    internal static void RunDestructor(ResourceType type, uint representation, InstanceState? caller)
    {
        if (type.Implementation is { } implementation)
        {
            foreach (var entered in implementation.EnteringSet(caller)) CanonTrap.If(!entered.MayEnter || entered.Poisoned, "cannot enter component instance");
            type.Destructor?.Invoke(Value.I32((int)representation));
            return;
        }
        type.HostDestructor?.Invoke(representation);
    }
}
