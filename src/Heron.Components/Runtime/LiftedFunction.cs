using Heron.Components.Canon;
using Heron.Components.Canon.Emit;

namespace Heron.Components.Runtime;

/// <summary>
/// <c>canon lift</c>: a component function made of a core function. A call lowers the arguments into the
/// callee's core values (or its memory, past 16 of them), runs the core code, lifts the result, checks
/// that every borrowed handle was dropped, then runs post-return. The instance cannot be entered again
/// while the call runs, and a trap leaves it unusable. Calls run code compiled for the signature (see
/// <see cref="LiftStub"/>), made on the first call; <see cref="Interpret"/> does the same by walking the types,
/// the oracle the compiled code is tested against.
/// </summary>
internal static class LiftedFunction
{
    public static ComponentFunction Create(ComponentFunctionType type, Function core, CanonicalAbi abi)
    {
        var canonical = new CanonicalFunction(type, core, abi);
        var (key, resources) = StubKey.Of(type);
        var target = new LiftTarget(canonical, resources);
        var postReturn = canonical.PostReturn != null;
        Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?>? dynamic = null;
        return new ComponentFunction(type,
            (caller, arguments) => (dynamic ??= StubCache.Lift(canonical.Signature, key, resources, postReturn, null)
                .CreateDelegate<Func<InstanceState?, IReadOnlyList<ComponentValue>, ComponentValue?>>(target))(caller, arguments),
            canonical,
            compiledTyped: delegateType => StubCache.Lift(canonical.Signature, key, resources, postReturn, delegateType).CreateDelegate(delegateType, target));
    }

    /// <summary>The same function, interpreted: lowering and lifting walk the types per value.</summary>
    internal static ComponentFunction Interpreted(ComponentFunction compiled)
    {
        var canonical = compiled.Canonical ?? throw new ArgumentException("not a lifted function");
        return new ComponentFunction(compiled.Type, (caller, arguments) => Interpret(canonical, caller, arguments), canonical);
    }

    internal static ComponentValue? Interpret(CanonicalFunction function, InstanceState? caller, IReadOnlyList<ComponentValue> arguments)
    {
        var call = function.EnterFrom(caller);
        var completed = false;
        try
        {
            var cx = new CanonContext(function.Abi, call.Scope ?? new CallScope());
            var flatArguments = LowerArguments(cx, function.Signature, arguments);
            var coreResults = function.Core.Invoke(flatArguments);
            var result = LiftResult(cx, function.Signature, coreResults);
            call.Return();
            function.PostReturn?.Invoke(coreResults);
            completed = true;
            return result;
        }
        finally
        {
            call.Exit(completed);
        }
    }

    private static Value[] LowerArguments(CanonContext cx, FlatSignature signature, IReadOnlyList<ComponentValue> arguments)
    {
        var type = signature.Type;
        if (!signature.ParametersInMemory)
        {
            var flat = new List<Value>(signature.FlatParameterCount);
            for (var i = 0; i < arguments.Count; i++) Lowerer.LowerFlat(cx, arguments[i], type.Parameters[i].Type, flat);
            return flat.ToArray();
        }
        var tuple = signature.ParameterTuple;
        var pointer = cx.Allocate((uint)tuple.Layout.Alignment, (uint)tuple.Layout.Size);
        cx.CheckAllocation(pointer, (ulong)tuple.Layout.Size, tuple.Layout.Alignment);
        Lowerer.Store(cx, ComponentValue.Tuple(arguments), tuple, pointer);
        return [Value.I32((int)pointer)];
    }

    private static ComponentValue? LiftResult(CanonContext cx, FlatSignature signature, Value[] coreResults)
    {
        if (signature.Type.Result is not { } resultType) return null;
        if (!signature.ResultInMemory) return Lifter.LiftFlat(cx, new FlatReader(coreResults), resultType);
        var pointer = (uint)coreResults[0].AsI32();
        cx.CheckRange(pointer, (ulong)resultType.Layout.Size, resultType.Layout.Alignment,
            "list content out-of-bounds: result pointer out of bounds of memory", "unaligned pointer");
        return Lifter.Load(cx, pointer, resultType);
    }

    internal static int FlatCount(IReadOnlyList<LabeledType> parameters)
    {
        var count = 0;
        foreach (var p in parameters) count += p.Type.Layout.Flat.Count;
        return count;
    }

    /// <summary>The core function type a lift expects of its core function.</summary>
    public static FunctionType CoreType(ComponentFunctionType type) => new FlatSignature(type).LiftCoreType();
}
