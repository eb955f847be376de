namespace Heron.Components;

/// <summary>
/// Anything a component's type index space can hold once resolved: a value type, a function type, a
/// component or instance type, or a resource type. Resolved types refer to each other directly (never by
/// index), so the canonical ABI, the linker and the validator share one picture of a type.
/// </summary>
public abstract class ComponentDefinedType
{
    private protected ComponentDefinedType() { }
}
