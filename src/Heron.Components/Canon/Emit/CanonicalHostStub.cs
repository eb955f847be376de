using System.Collections.Concurrent;
using System.Reflection.Emit;
using Heron.Compilation;
using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// The core function a component imports when the host gave the import in flat form: compiled code calls a
/// stub with the WebAssembly calling convention, which checks the caller may call out, makes the
/// <see cref="CanonicalCaller"/> and calls the host's delegate with the core arguments as they came.
/// </summary>
internal static class CanonicalHostStub
{
    private static readonly ConcurrentDictionary<Type, nint> Stubs = new();

    public static Function Create(Store store, CanonicalHostFunction host, CanonicalAbi abi, ComponentFunctionType declared, FunctionType coreType)
    {
        if (!coreType.Equals(host.Type))
            throw new LinkException($"the host function '{host.Name}' is {host.Type} in flat form, but the component lowers {declared} as {coreType}");
        var target = new CanonicalHostTarget(abi, host.Implementation, TypeFacts.HasBorrows(declared));
        var stub = Stubs.GetOrAdd(host.Implementation.GetType(), delegateType => Build(delegateType, coreType));
        return LoweredCore.Function(store, coreType, stub, target);
    }

    private static nint Build(Type delegateType, FunctionType coreType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var type = StubModule.Build("CanonicalHost", builder =>
        {
            var (_, il) = StubModule.DefineMethod(builder, "Host", CilTypes.ReturnType(coreType), CilTypes.ParameterTypes(coreType));
            var contextArgument = coreType.Parameters.Count;
            var target = il.DeclareLocal(typeof(CanonicalHostTarget));
            var caller = il.DeclareLocal(typeof(CanonicalCaller));
            var result = invoke.ReturnType == typeof(void) ? null : il.DeclareLocal(invoke.ReturnType);
            il.LoadArg(contextArgument);
            il.Load(typeof(InstanceContext).GetField(nameof(InstanceContext.HostTarget))!);
            il.Emit(OpCodes.Castclass, typeof(CanonicalHostTarget));
            il.StoreLocal(target);
            il.LoadLocal(target);
            il.Call(CilTypes.Method(typeof(CanonicalHostTarget), nameof(CanonicalHostTarget.Begin)));
            il.StoreLocal(caller);
            var end = il.DefineLabel();
            il.Generator.BeginExceptionBlock();
            il.LoadLocal(target);
            il.Load(typeof(CanonicalHostTarget).GetField(nameof(CanonicalHostTarget.Callback))!);
            il.Emit(OpCodes.Castclass, delegateType);
            il.LoadLocal(caller);
            for (var i = 0; i < coreType.Parameters.Count; i++) il.LoadArg(i);
            il.Call(invoke);
            if (result != null) il.StoreLocal(result);
            il.Generator.BeginFinallyBlock();
            il.LoadLocal(caller);
            il.Call(CilTypes.Method(typeof(CanonicalHostTarget), nameof(CanonicalHostTarget.End)));
            il.Generator.EndExceptionBlock();
            if (result != null) il.LoadLocal(result);
            il.Emit(OpCodes.Ret);
        });
        return StubModule.Method(type, "Host").MethodHandle.GetFunctionPointer();
    }
}

/// <summary>What a canonical host stub reads from its context: the caller's options and the host's delegate.</summary>
internal sealed class CanonicalHostTarget(CanonicalAbi abi, Delegate callback, bool lendsBorrows)
{
    public readonly Delegate Callback = callback;

    public CanonicalCaller Begin()
    {
        CanonTrap.If(!abi.Instance.MayLeave, "cannot leave component instance");
        return new CanonicalCaller(abi, lendsBorrows ? new CallScope() : null);
    }

    /// <summary>At the end of the call, the handles the caller lent may move or drop again.</summary>
    public static void End(CanonicalCaller caller) => caller.Scope?.ReleaseLenders();
}
