using Heron.Compilation;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// A host function before it is bound to a store: its WebAssembly type, what it calls (a typed delegate or
/// a dynamic callback), and the compiled stub with the WebAssembly calling convention that calls it.
/// </summary>
internal sealed class HostFunctionDefinition
{
    private HostFunctionDefinition(Engine engine, FunctionType type, object target, nint stub)
    {
        Engine = engine;
        Type = type;
        Target = target;
        Stub = stub;
        Canonical = engine.Signatures[engine.Signatures.Register(type)];
    }

    public Engine Engine { get; }

    public FunctionType Type { get; }

    /// <summary>The delegate, or a <see cref="DynamicHostCallback"/>.</summary>
    public object Target { get; }

    public nint Stub { get; }

    public int SignatureId => Canonical.Id;

    public CanonicalType Canonical { get; }

    public static HostFunctionDefinition FromDelegate(Engine engine, Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var type = CilTypes.FunctionTypeOfDelegate(callback.GetType(), out _);
        var stub = engine.Stubs.GetTypedHostStub(callback.GetType(), type);
        return new HostFunctionDefinition(engine, type, callback, stub);
    }

    public static HostFunctionDefinition FromCallback(Engine engine, FunctionType type, Func<Caller, ReadOnlySpan<Value>, Value[]> callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var stub = engine.Stubs.GetDynamicHostStub(engine.Signatures.Register(type), type);
        return new HostFunctionDefinition(engine, type, new DynamicHostCallback(type, callback), stub);
    }

    /// <summary>The function in a store; <paramref name="caller"/> is the instance importing it, if any.</summary>
    public FunctionInstance Bind(StoreRuntime runtime, InstanceContext? caller)
    {
        var context = new InstanceContext(runtime) { HostTarget = Target, Caller = caller };
        return new FunctionInstance(Stub, Canonical, Type, context);
    }
}
