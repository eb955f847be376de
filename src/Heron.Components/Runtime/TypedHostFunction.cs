using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// A host function given as a typed delegate (<see cref="ComponentLinkerInstance.DefineFunction(string, Delegate)"/>):
/// a component's lowered import calls it directly with .NET values, compiled for its signature.
/// </summary>
internal sealed class TypedHostFunction(string name, Delegate implementation)
{
    public string Name { get; } = name;

    public Delegate Implementation { get; } = implementation;

    /// <summary>The function with the type its importer declared, or a <see cref="LinkException"/> saying why the delegate does not fit it.</summary>
    public ComponentFunction Bind(ComponentFunctionType type)
    {
        if (TypedCalls.Mismatch(type, Implementation.GetType()) is { } reason)
            throw new LinkException($"the host function '{Name}' ({Canon.Emit.ClrMapping.Name(Implementation.GetType())}) does not fit {type}: {reason}");
        return new ComponentFunction(type, (_, arguments) => TypedCalls.InvokeTyped(Implementation, type, arguments), host: this);
    }
}
