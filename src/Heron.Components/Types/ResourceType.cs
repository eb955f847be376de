namespace Heron.Components;

/// <summary>
/// A resource type. Resource types are nominal: two are the same only when they are the same object.
/// A resource defined by a component (<c>(resource (rep i32) (dtor f))</c>) is a new type for each
/// instantiation; an imported or exported abstract one (<c>(sub resource)</c>) is a fresh type that
/// instantiation substitutes with the one supplied. A host defines its own with
/// <see cref="ResourceType(string, Action{uint})"/>.
/// </summary>
public class ResourceType : ComponentDefinedType
{
    /// <summary>
    /// A host-defined resource type. <paramref name="destructor"/> receives the representation of each
    /// owned handle a guest drops (the host's own index for the object behind it).
    /// </summary>
    public ResourceType(string name, Action<uint>? destructor = null)
    {
        Name = name;
        HostDestructor = destructor;
    }

    /// <summary>The name the type was imported, exported or defined under (not part of its identity).</summary>
    public string Name { get; }

    /// <summary>
    /// The component instance that defines the resource (its handles need no table when they come home),
    /// or null for a type the host defines or a type still abstract in a validated component.
    /// </summary>
    internal Runtime.InstanceState? Implementation { get; init; }

    /// <summary>The defining instance's destructor, called when the last owning handle is dropped.</summary>
    internal Function? Destructor { get; init; }

    /// <summary>For a host-defined type, what the host runs when a guest drops an owning handle.</summary>
    internal Action<uint>? HostDestructor { get; }

    /// <summary>
    /// During validation, for the new type index an export of a resource creates: the resource it exports.
    /// The two are the same resource for type checking (<see cref="Canonical"/>), but only the export's
    /// index gives the resource a name outside the component (external visibility, annotated names).
    /// </summary>
    internal ResourceType? AliasOf { get; init; }

    /// <summary>The resource itself, seen through an export's alias.</summary>
    internal ResourceType Canonical => AliasOf ?? this;

    public override string ToString() => Name;
}
