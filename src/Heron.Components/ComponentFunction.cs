using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// A function of the component model: exported by a component instance (core code lifted through the
/// canonical ABI) or defined by the host. Call it with <see cref="Invoke"/>.
/// </summary>
public sealed class ComponentFunction
{
    private readonly Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> _call;

    internal ComponentFunction(ComponentFunctionType type, Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> call,
        CanonicalFunction? canonical = null, object? host = null)
    {
        Type = type;
        _call = call;
        Canonical = canonical;
        Host = host;
    }

    /// <summary>The function's type: labelled parameters and an optional result.</summary>
    public ComponentFunctionType Type { get; }

    /// <summary>
    /// For a function a component exports (core code lifted through the canonical ABI): its core side, for
    /// generated bindings that call it with flat core values. Null for a function of the host.
    /// </summary>
    public CanonicalFunction? Canonical { get; }

    /// <summary>For a function of the host: what the host defined (a handler, or a delegate in flat form); null otherwise.</summary>
    internal object? Host { get; }

    /// <summary>
    /// Calls the function from the host. The arguments must match <see cref="Type"/>'s parameters (an
    /// <see cref="ArgumentException"/> says which does not); a trap inside raises a <see cref="TrapException"/>
    /// and leaves the instance unusable, as the component model requires.
    /// </summary>
    public ComponentValue? Invoke(params ComponentValue[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != Type.Parameters.Count)
            throw new ArgumentException($"{Type} takes {Type.Parameters.Count} arguments, {arguments.Length} were given");
        return _call(null, arguments);
    }

    /// <summary>A call from component code (through a lowered import) or from the host (caller null).</summary>
    internal ComponentValue? Call(InstanceState? caller, IReadOnlyList<ComponentValue> arguments) => _call(caller, arguments);

    /// <summary>A function the host implements, with the type its importer declared.</summary>
    internal static ComponentFunction FromHost(ComponentFunctionType type, HostFunctionHandler handler) =>
        new(type, (_, arguments) => handler(arguments), host: handler);

    /// <summary>A function the host gave in flat form: only a component's <c>canon lower</c> can call it.</summary>
    internal static ComponentFunction FromHost(ComponentFunctionType type, CanonicalHostFunction host) =>
        new(type, (_, _) => throw new InvalidOperationException(
            $"a host function given in flat form ({host.Type}) is called only by components, through canon lower"), host: host);

    public override string ToString() => Type.ToString();
}
