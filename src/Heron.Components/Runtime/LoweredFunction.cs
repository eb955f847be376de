using Heron.Components.Canon;
using Heron.Components.Canon.Emit;

namespace Heron.Components.Runtime;

/// <summary>
/// <c>canon lower</c>: a core function that calls a component function (an import, or another
/// instance's export). It lifts the core arguments with the caller's options, makes the call, and lowers
/// the result into the caller's core values or, past one of them, into the caller's memory at the
/// pointer passed as the last argument. The core function is a stub compiled for the signature (see
/// <see cref="LowerStub"/>); <see cref="Interpreted"/> does the same by walking the types, the oracle the
/// compiled code is tested against.
/// </summary>
internal static class LoweredFunction
{
    public static Function Create(Store store, ComponentFunction callee, CanonicalAbi abi)
    {
        var signature = new FlatSignature(callee.Type);
        var coreType = signature.LowerCoreType();
        if (callee.Host is CanonicalHostFunction flat) return CanonicalHostStub.Create(store, flat, abi, callee.Type, coreType);
        var (key, resources) = StubKey.Of(callee.Type);
        var typed = (callee.Host as TypedHostFunction)?.Implementation;
        var stub = StubCache.Lower(signature, key, resources, typed?.GetType());
        return LoweredCore.Function(store, coreType, stub, new LowerTarget(abi, resources, callee, typed));
    }

    /// <summary>The same core function, interpreted: lifting and lowering walk the types per value.</summary>
    internal static Function Interpreted(Store store, ComponentFunction callee, CanonicalAbi abi)
    {
        var signature = new FlatSignature(callee.Type);
        var coreType = signature.LowerCoreType();
        var caller = abi.Instance;
        var type = callee.Type;
        return new Function(store, coreType, (_, coreArguments) =>
        {
            CanonTrap.If(!caller.MayLeave, "cannot leave component instance");
            var scope = new CallScope();
            var cx = new CanonContext(abi, scope);
            var reader = new FlatReader(coreArguments.ToArray());
            var arguments = LiftArguments(cx, signature, reader);
            ComponentValue? result;
            try
            {
                result = callee.Call(caller, arguments);
            }
            finally
            {
                scope.ReleaseLenders();
            }
            if (type.Result is not { } resultType) return [];
            if (!signature.ResultInMemory)
            {
                var flatResult = new List<Value>(1);
                Lowerer.LowerFlat(cx, result ?? throw new InvalidOperationException("the function returned no result"), resultType, flatResult);
                return flatResult.ToArray();
            }
            var pointer = reader.NextI32();
            cx.CheckRange(pointer, (ulong)resultType.Layout.Size, resultType.Layout.Alignment,
                "list content out-of-bounds: result pointer out of bounds of memory", "unaligned pointer");
            Lowerer.Store(cx, result ?? throw new InvalidOperationException("the function returned no result"), resultType, pointer);
            return [];
        });
    }

    private static IReadOnlyList<ComponentValue> LiftArguments(CanonContext cx, FlatSignature signature, FlatReader reader)
    {
        var type = signature.Type;
        if (!signature.ParametersInMemory)
        {
            var values = new ComponentValue[type.Parameters.Count];
            for (var i = 0; i < values.Length; i++) values[i] = Lifter.LiftFlat(cx, reader, type.Parameters[i].Type);
            return values;
        }
        var tuple = signature.ParameterTuple;
        var pointer = reader.NextI32();
        cx.CheckRange(pointer, (ulong)tuple.Layout.Size, tuple.Layout.Alignment,
            "list content out-of-bounds: parameter pointer out of bounds of memory", "unaligned pointer");
        return Lifter.Load(cx, pointer, tuple).AsList();
    }

    /// <summary>The core function type of a lowered function: flat parameters (or a pointer), and a result pointer past one flat result.</summary>
    public static FunctionType CoreType(ComponentFunctionType type) => new FlatSignature(type).LowerCoreType();
}
