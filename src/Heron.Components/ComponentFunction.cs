using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// A function of the component model: exported by a component instance (core code lifted through the
/// canonical ABI) or defined by the host. Call it with <see cref="Invoke"/>.
/// </summary>
public sealed class ComponentFunction
{
    private readonly Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> _call;

    internal ComponentFunction(ComponentFunctionType type, Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> call)
    {
        Type = type;
        _call = call;
    }

    public ComponentFunctionType Type { get; }

    /// <summary>
    /// Calls the function from the host. The arguments must match <see cref="Type"/>'s parameters (an
    /// <see cref="ArgumentException"/> says which does not); a trap inside raises a <see cref="TrapException"/>
    /// and leaves the instance unusable, as the component model requires.
    /// </summary>
    public ComponentValue? Invoke(params ComponentValue[] arguments)
    {
        if (arguments.Length != Type.Parameters.Count)
            throw new ArgumentException($"{Type} takes {Type.Parameters.Count} arguments, {arguments.Length} were given");
        return _call(null, arguments);
    }

    /// <summary>A call from component code (through a lowered import) or from the host (caller null).</summary>
    internal ComponentValue? Call(InstanceState? caller, IReadOnlyList<ComponentValue> arguments) => _call(caller, arguments);

    /// <summary>A function the host implements, with the type its importer declared.</summary>
    internal static ComponentFunction FromHost(ComponentFunctionType type, HostFunctionHandler handler) =>
        new(type, (_, arguments) => handler(arguments));

    public override string ToString() => Type.ToString();
}
