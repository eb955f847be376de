using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>
/// An instance type as declared, kept with the scope it was declared in: what a host-provided instance
/// is bound against when a component imports it (the host's resource types substitute the declared
/// abstract ones, and each function takes the type declared for it).
/// </summary>
internal sealed class DeclaredInstanceType(InstanceTypeDef definition, IndexSpaces scope) : ComponentDefinedType
{
    public InstanceTypeDef Definition { get; } = definition;
    public IndexSpaces Scope { get; } = scope;

    public override string ToString() => "instance type";
}

/// <summary>A component type as declared, with the scope it was declared in.</summary>
internal sealed class DeclaredComponentType(ComponentTypeDef definition, IndexSpaces scope) : ComponentDefinedType
{
    public ComponentTypeDef Definition { get; } = definition;
    public IndexSpaces Scope { get; } = scope;

    public override string ToString() => "component type";
}

/// <summary>A core module type (components only check them at validation).</summary>
internal sealed class DeclaredCoreType(CoreDefType definition) : ComponentDefinedType
{
    public CoreDefType Definition { get; } = definition;
}
