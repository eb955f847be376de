using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// A function of the component model: exported by a component instance (core code lifted through the
/// canonical ABI) or defined by the host. Call it with <see cref="Invoke"/>.
/// </summary>
public sealed class ComponentFunction
{
    private readonly Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> _call;
    private readonly Func<Type, Delegate>? _compiledTyped;

    internal ComponentFunction(ComponentFunctionType type, Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?> call,
        CanonicalFunction? canonical = null, object? host = null, Func<Type, Delegate>? compiledTyped = null)
    {
        Type = type;
        _call = call;
        Canonical = canonical;
        Host = host;
        _compiledTyped = compiledTyped;
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

    /// <summary>
    /// A delegate of type <typeparamref name="TDelegate"/> calling the function with .NET values: each
    /// parameter and the result carried by the .NET type that pairs with its component type (<c>bool</c>,
    /// <c>sbyte</c>…<c>ulong</c>, <c>float</c>, <c>double</c>, <c>Rune</c> or <c>char</c>, <c>string</c>, arrays
    /// or <c>List&lt;T&gt;</c> for lists, value tuples for tuples, <see cref="ResourceHandle"/> for handles, and
    /// <see cref="ComponentValue"/> for any type), no result for <c>void</c>. For an exported function the
    /// delegate runs code compiled for the signature, lowering and lifting without <see cref="ComponentValue"/>s.
    /// A delegate type that does not fit raises an <see cref="ArgumentException"/> saying which part does not.
    /// </summary>
    public TDelegate AsDelegate<TDelegate>() where TDelegate : Delegate
    {
        Canon.TypedCalls.Check(Type, typeof(TDelegate));
        return (TDelegate)(_compiledTyped?.Invoke(typeof(TDelegate)) ?? Canon.TypedCalls.Adapter(this, typeof(TDelegate)));
    }

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<TResult> AsFunc<TResult>() => AsDelegate<Func<TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, TResult> AsFunc<T1, TResult>() => AsDelegate<Func<T1, TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, T2, TResult> AsFunc<T1, T2, TResult>() => AsDelegate<Func<T1, T2, TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, T2, T3, TResult> AsFunc<T1, T2, T3, TResult>() => AsDelegate<Func<T1, T2, T3, TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, T2, T3, T4, TResult> AsFunc<T1, T2, T3, T4, TResult>() => AsDelegate<Func<T1, T2, T3, T4, TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, T2, T3, T4, T5, TResult> AsFunc<T1, T2, T3, T4, T5, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, TResult>>();

    /// <summary>A typed delegate calling the function (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult> AsFunc<T1, T2, T3, T4, T5, T6, TResult>() => AsDelegate<Func<T1, T2, T3, T4, T5, T6, TResult>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action AsAction() => AsDelegate<Action>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1> AsAction<T1>() => AsDelegate<Action<T1>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1, T2> AsAction<T1, T2>() => AsDelegate<Action<T1, T2>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1, T2, T3> AsAction<T1, T2, T3>() => AsDelegate<Action<T1, T2, T3>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1, T2, T3, T4> AsAction<T1, T2, T3, T4>() => AsDelegate<Action<T1, T2, T3, T4>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1, T2, T3, T4, T5> AsAction<T1, T2, T3, T4, T5>() => AsDelegate<Action<T1, T2, T3, T4, T5>>();

    /// <summary>A typed delegate calling a function without a result (see <see cref="AsDelegate{TDelegate}"/>).</summary>
    public Action<T1, T2, T3, T4, T5, T6> AsAction<T1, T2, T3, T4, T5, T6>() => AsDelegate<Action<T1, T2, T3, T4, T5, T6>>();

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
