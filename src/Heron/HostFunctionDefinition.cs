using Heron.Compilation;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// A host function before it is bound to a store: its WebAssembly type, what it calls (a typed delegate or
/// a dynamic callback), and the compiled stub with the WebAssembly calling convention that calls it.
/// </summary>
internal sealed class HostFunctionDefinition
{
    private readonly Func<nint> makeStub;
    private nint stub;

    private HostFunctionDefinition(Engine engine, FunctionType type, object target, Func<nint> makeStub)
    {
        Engine = engine;
        Type = type;
        Target = target;
        this.makeStub = makeStub;
        Canonical = engine.Signatures[engine.Signatures.Register(type)];
    }

    public Engine Engine { get; }

    public FunctionType Type { get; }

    /// <summary>The delegate, or a <see cref="DynamicHostCallback"/>.</summary>
    public object Target { get; }

    /// <summary>
    /// Made on first use (when the function is bound): a host that defines many functions (all of WASI)
    /// pays only for those its modules import, and a process without dynamic code (NativeAOT) needs only
    /// the stubs its precompiled modules brought.
    /// </summary>
    public nint Stub => stub != 0 ? stub : stub = makeStub();

    public int SignatureId => Canonical.Id;

    public CanonicalType Canonical { get; }

    public static HostFunctionDefinition FromDelegate(Engine engine, Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var type = CilTypes.FunctionTypeOfDelegate(callback.GetType(), out _);
        var delegateType = callback.GetType();
        return new HostFunctionDefinition(engine, type, callback, () => engine.Stubs.GetTypedHostStub(delegateType, type));
    }

    public static HostFunctionDefinition FromCallback(Engine engine, FunctionType type, Func<Caller, ReadOnlySpan<Value>, Value[]> callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var signatureId = engine.Signatures.Register(type);
        return new HostFunctionDefinition(engine, type, new DynamicHostCallback(type, callback), () => engine.Stubs.GetDynamicHostStub(signatureId, type));
    }

    /// <summary>The function in a store; <paramref name="caller"/> is the instance importing it, if any.</summary>
    public FunctionInstance Bind(StoreRuntime runtime, InstanceContext? caller)
    {
        var context = new InstanceContext(runtime) { HostTarget = Target, Caller = caller };
        return new FunctionInstance(Stub, Canonical, Type, context);
    }
}
