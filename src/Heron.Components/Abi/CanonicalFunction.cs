using Heron.Components.Canon;
using Heron.Components.Runtime;

namespace Heron.Components;

/// <summary>
/// The core side of a function a component exports (core code lifted through the canonical ABI), for
/// generated bindings that call it with flat core values instead of <see cref="ComponentValue"/>s. A call is:
/// <see cref="Enter"/>; lower the arguments (<see cref="CanonicalCall.Abi"/> stores strings and lists in the
/// guest's memory); call <see cref="Core"/> through a typed delegate; lift the result; <see cref="CanonicalCall.Return"/>;
/// run <see cref="PostReturn"/> if there is one; and <see cref="CanonicalCall.Exit"/> in a <c>finally</c>,
/// saying whether the call completed (one that did not leaves the instance unusable, as the component model requires).
/// </summary>
/// <example>
/// <code>
/// // echo: func(s: string) -> string, whose result comes back through memory
/// var echo = instance.GetFunction("echo")!.Canonical!;
/// var core = echo.Core.AsFunc&lt;int, int, int&gt;();
/// var call = echo.Enter();
/// var completed = false;
/// try
/// {
///     var (pointer, length) = call.Abi.StoreString("hi");
///     var area = (uint)core((int)pointer, (int)length);
///     call.Abi.CheckPointer(area, 8, 4);
///     var memory = call.Abi.Memory;
///     var result = call.Abi.LoadString((uint)memory.ReadInt32(area), (uint)memory.ReadInt32(area + 4));
///     call.Return();
///     echo.PostReturn?.Invoke(Value.I32((int)area));
///     completed = true;
/// }
/// finally
/// {
///     call.Exit(completed);
/// }
/// </code>
/// </example>
public sealed class CanonicalFunction
{
    private readonly bool _lendsBorrows;

    internal CanonicalFunction(ComponentFunctionType type, Function core, CanonicalAbi abi)
    {
        Type = type;
        Core = core;
        Abi = abi;
        Signature = new FlatSignature(type);
        _lendsBorrows = TypeFacts.HasBorrows(type);
    }

    /// <summary>The component-level type.</summary>
    public ComponentFunctionType Type { get; }

    /// <summary>
    /// The core function: it takes the flattened parameters (or, when <see cref="ParametersInMemory"/>, one
    /// pointer to them) and returns the flattened result (or, when <see cref="ResultInMemory"/>, a pointer to it).
    /// </summary>
    public Function Core { get; }

    /// <summary>The <c>post-return</c> function, called with <see cref="Core"/>'s results once the result is lifted; null when none.</summary>
    public Function? PostReturn => Abi.Options.PostReturn;

    /// <summary>The lift's canonical options: memory, realloc and string encoding.</summary>
    public CanonicalAbi Abi { get; }

    /// <summary>
    /// True when the parameters flatten to more than 16 core values: the caller allocates room for them as a
    /// tuple (with <see cref="CanonicalAbi.Allocate"/>), stores them there and passes the pointer.
    /// </summary>
    public bool ParametersInMemory => Signature.ParametersInMemory;

    /// <summary>True when the result flattens to more than one core value: <see cref="Core"/> returns a pointer to it.</summary>
    public bool ResultInMemory => Signature.ResultInMemory;

    internal FlatSignature Signature { get; }

    internal InstanceState Instance => Abi.Instance;

    /// <summary>
    /// Starts a call from the host: traps when the instance is running a call already (components are not
    /// re-entrant) or was left unusable by a trap. Every <see cref="Enter"/> needs its <see cref="CanonicalCall.Exit"/>.
    /// </summary>
    public CanonicalCall Enter() => EnterFrom(null);

    internal CanonicalCall EnterFrom(InstanceState? caller)
    {
        var entering = Instance.Enter(caller);
        return new CanonicalCall(this, entering, _lendsBorrows ? new CallScope() : null);
    }
}
