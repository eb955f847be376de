using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// <c>canon lower</c>: a core function that calls a component function (an import, or another
/// instance's export). It lifts the core arguments with the caller's options, makes the call, and lowers
/// the result into the caller's core values or, past one of them, into the caller's memory at the
/// pointer passed as the last argument.
/// </summary>
internal static class LoweredFunction
{
    private const int MaxFlatParams = 16;
    private const int MaxFlatResults = 1;

    public static Function Create(Store store, ComponentFunction callee, CanonOptions options, InstanceState caller)
    {
        var type = callee.Type;
        var coreType = CoreType(type);
        var spillsParameters = LiftedFunction.FlatCount(type.Parameters) > MaxFlatParams;
        var spillsResult = type.Result != null && type.Result.Layout.Flat.Count > MaxFlatResults;
        return new Function(store, coreType, (_, coreArguments) =>
        {
            CanonTrap.If(!caller.MayLeave, "cannot leave component instance");
            var scope = new CallScope();
            var cx = new CanonContext(options, caller, scope);
            var reader = new FlatReader(coreArguments.ToArray());
            var arguments = LiftArguments(cx, type, reader, spillsParameters);
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
            if (!spillsResult)
            {
                var flat = new List<Value>(1);
                Lowerer.LowerFlat(cx, result ?? throw new InvalidOperationException("the function returned no result"), resultType, flat);
                return flat.ToArray();
            }
            var pointer = reader.NextI32();
            cx.CheckRange(pointer, (ulong)resultType.Layout.Size, resultType.Layout.Alignment,
                "list content out-of-bounds: result pointer out of bounds of memory", "unaligned pointer");
            Lowerer.Store(cx, result ?? throw new InvalidOperationException("the function returned no result"), resultType, pointer);
            return [];
        });
    }

    private static IReadOnlyList<ComponentValue> LiftArguments(CanonContext cx, ComponentFunctionType type, FlatReader reader, bool spills)
    {
        if (!spills)
        {
            var values = new ComponentValue[type.Parameters.Count];
            for (var i = 0; i < values.Length; i++) values[i] = Lifter.LiftFlat(cx, reader, type.Parameters[i].Type);
            return values;
        }
        var tuple = LiftedFunction.ParameterTuple(type);
        var pointer = reader.NextI32();
        cx.CheckRange(pointer, (ulong)tuple.Layout.Size, tuple.Layout.Alignment,
            "list content out-of-bounds: parameter pointer out of bounds of memory", "unaligned pointer");
        return Lifter.Load(cx, pointer, tuple).AsList();
    }

    /// <summary>The core function type of a lowered function: flat parameters (or a pointer), and a result pointer past one flat result.</summary>
    public static FunctionType CoreType(ComponentFunctionType type)
    {
        var parameters = LiftedFunction.FlatCount(type.Parameters) <= MaxFlatParams
            ? type.Parameters.SelectMany(p => p.Type.Layout.Flat).Select(LiftedFunction.ToCore).ToList()
            : [ValueType.I32];
        ValueType[] results = [];
        if (type.Result != null)
        {
            if (type.Result.Layout.Flat.Count <= MaxFlatResults) results = type.Result.Layout.Flat.Select(LiftedFunction.ToCore).ToArray();
            else parameters.Add(ValueType.I32);
        }
        return new FunctionType(parameters.ToArray(), results);
    }
}
