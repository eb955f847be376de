namespace Heron.Components;

/// <summary>
/// A resource type. Resource types are nominal: two are the same only when they are the same object.
/// A resource defined by a component (<c>(resource (rep i32) (dtor f))</c>) is a new type for each
/// instantiation; an imported or exported abstract one (<c>(sub resource)</c>) is a fresh type that
/// instantiation substitutes with the one supplied. A host defines its own with
/// <see cref="ResourceType(string)"/>.
/// </summary>
public class ResourceType : ComponentDefinedType
{
    /// <summary>A resource type with a name used in messages and printed WIT.</summary>
    public ResourceType(string name) => Name = name;

    /// <summary>The name the type was imported, exported or defined under (not part of its identity).</summary>
    public string Name { get; }

    public override string ToString() => Name;
}
