using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// <c>canon lift</c>: a component function made of a core function. A call lowers the arguments into the
/// callee's core values (or its memory, past 16 of them), runs the core code, lifts the result, checks
/// that every borrowed handle was dropped, then runs post-return. The instance cannot be entered again
/// while the call runs, and a trap leaves it unusable.
/// </summary>
internal static class LiftedFunction
{
    private const int MaxFlatParams = 16;
    private const int MaxFlatResults = 1;

    public static ComponentFunction Create(ComponentFunctionType type, Function core, CanonOptions options, InstanceState instance) =>
        new(type, (caller, arguments) => Call(type, core, options, instance, caller, arguments));

    private static ComponentValue? Call(ComponentFunctionType type, Function core, CanonOptions options, InstanceState instance,
        InstanceState? caller, IReadOnlyList<ComponentValue> arguments)
    {
        // A call from inside the instance itself (or a child of it) would re-enter it: lowering an export of
        // one's own and calling it, even during instantiation, traps rather than recursing.
        CanonTrap.If(caller != null && caller.IsWithin(instance), "cannot enter component instance");
        var entering = instance.EnteringSet(caller);
        foreach (var entered in entering) CanonTrap.If(!entered.MayEnter || entered.Poisoned, "cannot enter component instance");
        foreach (var entered in entering) entered.MayEnter = false;
        var completed = false;
        try
        {
            var scope = new CallScope();
            var cx = new CanonContext(options, instance, scope);
            var flatArguments = LowerArguments(cx, type, arguments);
            var coreResults = core.Invoke(flatArguments);
            var result = LiftResult(cx, type, coreResults);
            CanonTrap.If(scope.Borrows != 0, "borrow handles still remain at the end of the call");
            if (options.PostReturn is { } postReturn)
            {
                instance.MayLeave = false;
                postReturn.Invoke(coreResults);
                instance.MayLeave = true;
            }
            completed = true;
            return result;
        }
        finally
        {
            // A trap (or any failure) part-way leaves the instance in an unknown state: it stays closed.
            foreach (var entered in entering)
            {
                if (completed) entered.MayEnter = true;
                else entered.Poisoned = true;
            }
        }
    }

    private static Value[] LowerArguments(CanonContext cx, ComponentFunctionType type, IReadOnlyList<ComponentValue> arguments)
    {
        var flatCount = FlatCount(type.Parameters);
        if (flatCount <= MaxFlatParams)
        {
            var flat = new List<Value>(flatCount);
            for (var i = 0; i < arguments.Count; i++) Lowerer.LowerFlat(cx, arguments[i], type.Parameters[i].Type, flat);
            return flat.ToArray();
        }
        var tuple = ParameterTuple(type);
        var pointer = cx.Allocate((uint)tuple.Layout.Alignment, (uint)tuple.Layout.Size);
        cx.CheckAllocation(pointer, (ulong)tuple.Layout.Size, tuple.Layout.Alignment);
        Lowerer.Store(cx, ComponentValue.Tuple(arguments), tuple, pointer);
        return [Value.I32((int)pointer)];
    }

    private static ComponentValue? LiftResult(CanonContext cx, ComponentFunctionType type, Value[] coreResults)
    {
        if (type.Result is not { } resultType) return null;
        if (resultType.Layout.Flat.Count <= MaxFlatResults) return Lifter.LiftFlat(cx, new FlatReader(coreResults), resultType);
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

    /// <summary>The parameters as one tuple: how they are laid out in memory when passed through it.</summary>
    internal static TupleType ParameterTuple(ComponentFunctionType type) => new(type.Parameters.Select(p => p.Type).ToArray());

    /// <summary>The core function type a lift expects of its core function.</summary>
    public static FunctionType CoreType(ComponentFunctionType type)
    {
        var parameters = FlatCount(type.Parameters) <= MaxFlatParams
            ? type.Parameters.SelectMany(p => p.Type.Layout.Flat).Select(ToCore).ToArray()
            : [ValueType.I32];
        var results = type.Result == null ? []
            : type.Result.Layout.Flat.Count <= MaxFlatResults ? type.Result.Layout.Flat.Select(ToCore).ToArray()
            : [ValueType.I32];
        return new FunctionType(parameters, results);
    }

    internal static ValueType ToCore(FlatType flat) => flat switch
    {
        FlatType.I32 => ValueType.I32,
        FlatType.I64 => ValueType.I64,
        FlatType.F32 => ValueType.F32,
        _ => ValueType.F64,
    };
}
