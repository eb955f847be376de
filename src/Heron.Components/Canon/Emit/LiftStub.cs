using System.Reflection;
using System.Reflection.Emit;
using Heron.Compilation;
using Heron.Components.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// Compiles a call into a lifted function for one signature: enter the instance, lower the arguments into
/// the core parameters (or a tuple in memory), call the core code with <c>calli</c>, lift the result,
/// check the borrows, run post-return, leave. The arguments come as a list of <see cref="ComponentValue"/>s
/// (the dynamic stub) or as the typed delegate's parameters (a typed stub), the result goes back likewise.
/// </summary>
internal static class LiftStub
{
    private static readonly FieldInfo CoreCode = typeof(LiftTarget).GetField(nameof(LiftTarget.CoreCode))!;
    private static readonly FieldInfo CoreContext = typeof(LiftTarget).GetField(nameof(LiftTarget.CoreContext))!;
    private static readonly FieldInfo PostReturnCode = typeof(LiftTarget).GetField(nameof(LiftTarget.PostReturnCode))!;
    private static readonly FieldInfo PostReturnContext = typeof(LiftTarget).GetField(nameof(LiftTarget.PostReturnContext))!;
    private static readonly MethodInfo ListItem = typeof(IReadOnlyList<ComponentValue>).GetMethod("get_Item")!;

    /// <summary>
    /// Builds the stub. <paramref name="delegateType"/> null: the dynamic stub
    /// <c>ComponentValue? (LiftTarget, InstanceState? caller, IReadOnlyList&lt;ComponentValue&gt;)</c>; otherwise
    /// a stub with the delegate's parameters and result after the target, to bind as that delegate.
    /// </summary>
    public static MethodInfo Build(FlatSignature signature, ResourceType[] resources, bool postReturn, Type? delegateType)
    {
        var type = signature.Type;
        var invoke = delegateType?.GetMethod("Invoke");
        var parameterClrs = invoke?.GetParameters().Select(p => p.ParameterType).ToArray()
            ?? Enumerable.Repeat(typeof(ComponentValue), type.Parameters.Count).ToArray();
        var resultClr = invoke?.ReturnType ?? typeof(ComponentValue);
        Type[] stubParameters = invoke == null
            ? [typeof(LiftTarget), typeof(InstanceState), typeof(IReadOnlyList<ComponentValue>)]
            : [typeof(LiftTarget), .. parameterClrs];
        StubConstants? constants = null;
        var built = StubModule.Build("Lift", builder =>
        {
            constants = new StubConstants(builder.DefineField("Constants", typeof(object[]), FieldAttributes.Public | FieldAttributes.Static));
            var (_, il) = StubModule.DefineMethod(builder, "Call", resultClr, stubParameters);
            var emitter = new ValueEmitter(il, () => il.LoadArg(0), resources, constants);
            Action[] loaders = invoke == null
                ? Enumerable.Range(0, type.Parameters.Count).Select(i => (Action)(() =>
                {
                    il.LoadArg(2);
                    il.Int32(i);
                    il.Call(ListItem);
                })).ToArray()
                : Enumerable.Range(0, type.Parameters.Count).Select(i => (Action)(() => il.LoadArg(i + 1))).ToArray();
            EmitBody(emitter, signature, loaders, parameterClrs, resultClr, postReturn, dynamic: invoke == null);
        });
        constants!.Install(built);
        return StubModule.Method(built, "Call");
    }

    private static void EmitBody(ValueEmitter emitter, FlatSignature signature, Action[] arguments, Type[] parameterClrs, Type resultClr,
        bool postReturn, bool dynamic)
    {
        var il = emitter.Il;
        var type = signature.Type;
        var coreType = signature.LiftCoreType();
        var entering = il.DeclareLocal(typeof(InstanceState[]));
        var completed = il.DeclareLocal(typeof(bool));
        var result = resultClr == typeof(void) ? null : il.DeclareLocal(resultClr);

        il.LoadArg(0);
        if (dynamic) il.LoadArg(1);
        else il.Emit(OpCodes.Ldnull);
        il.Call(Runtime(nameof(CanonRuntime.Enter)));
        il.StoreLocal(entering);
        var end = il.DefineLabel();
        il.Generator.BeginExceptionBlock();

        if (type.Parameters.Any(p => TypeFacts.NeedsMemory(p.Type)) || (type.Result != null && TypeFacts.NeedsMemory(type.Result)) || signature.ParametersInMemory || signature.ResultInMemory)
        {
            il.LoadArg(0);
            il.Call(Runtime(nameof(CanonRuntime.RequireMemory)));
        }
        if (TypeFacts.HasBorrows(type))
        {
            il.Generator.Emit(OpCodes.Newobj, typeof(CallScope).GetConstructor(Type.EmptyTypes)!);
            emitter.Scope = il.DeclareLocal(typeof(CallScope));
            il.StoreLocal(emitter.Scope);
        }

        // The arguments, into the core parameters.
        var parameters = emitter.DeclareSlots(coreType.Parameters.Select(ToFlat));
        if (!signature.ParametersInMemory)
        {
            var index = 0;
            for (var i = 0; i < type.Parameters.Count; i++)
            {
                var parameterType = type.Parameters[i].Type;
                emitter.LowerFlat(parameterType, parameterClrs[i], arguments[i], parameters, index);
                index += parameterType.Layout.Flat.Count;
            }
        }
        else
        {
            var tuple = signature.ParameterTuple.Layout;
            il.LoadArg(0);
            il.Load(typeof(StubTarget).GetField(nameof(StubTarget.Abi))!);
            il.Int32(tuple.Alignment);
            il.Int32(tuple.Size);
            il.Call(Runtime(nameof(CanonRuntime.Allocate)));
            il.StoreLocal(parameters[0].Local);
            var offset = 0;
            for (var i = 0; i < type.Parameters.Count; i++)
            {
                var parameterType = type.Parameters[i].Type;
                offset = CanonLayout.AlignTo(offset, parameterType.Layout.Alignment);
                emitter.Store(parameterType, parameterClrs[i], arguments[i], parameters[0].Local, offset);
                offset += parameterType.Layout.Size;
            }
        }

        // The core call.
        foreach (var slot in parameters) il.LoadLocal(slot.Local);
        il.LoadArg(0);
        il.Load(CoreContext);
        il.LoadArg(0);
        il.Load(CoreCode);
        il.Calli(CilTypes.ReturnType(coreType), CilTypes.ParameterTypes(coreType));
        var coreResults = emitter.DeclareSlots(coreType.Results.Select(ToFlat));
        if (coreResults.Length > 0) il.StoreLocal(coreResults[0].Local);

        // The result.
        if (type.Result is { } resultType && result != null)
        {
            if (!signature.ResultInMemory) emitter.LiftFlat(resultType, resultClr, coreResults, 0);
            else
            {
                il.LoadArg(0);
                il.Load(typeof(StubTarget).GetField(nameof(StubTarget.Abi))!);
                il.LoadLocal(coreResults[0].Local);
                il.Int32(resultType.Layout.Size);
                il.Int32(resultType.Layout.Alignment);
                il.Call(Runtime(nameof(CanonRuntime.CheckResultArea)));
                emitter.Load(resultType, resultClr, coreResults[0].Local, 0);
            }
            il.StoreLocal(result);
        }
        if (emitter.Scope != null)
        {
            il.LoadLocal(emitter.Scope);
            il.Call(Runtime(nameof(CanonRuntime.CheckBorrows)));
        }
        if (postReturn)
        {
            il.LoadArg(0);
            il.Call(Runtime(nameof(CanonRuntime.BeginPostReturn)));
            foreach (var slot in coreResults) il.LoadLocal(slot.Local);
            il.LoadArg(0);
            il.Load(PostReturnContext);
            il.LoadArg(0);
            il.Load(PostReturnCode);
            var postType = new FunctionType(coreType.Results, []);
            il.Calli(typeof(void), CilTypes.ParameterTypes(postType));
        }
        il.Int32(1);
        il.StoreLocal(completed);
        il.Emit(OpCodes.Leave, end);

        // A failed bounds check of compiled code arrives as an OverflowException (see MemoryFault).
        var rethrow = il.DefineLabel();
        il.Generator.BeginCatchBlock(typeof(OverflowException));
        il.Emit(OpCodes.Dup);
        il.Call(Runtime(nameof(CanonRuntime.IsMemoryFault)));
        il.Emit(OpCodes.Brfalse, rethrow);
        il.Call(Runtime(nameof(CanonRuntime.MemoryTrap)));
        il.Emit(OpCodes.Throw);
        il.Mark(rethrow);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Rethrow);
        il.Generator.BeginFinallyBlock();
        il.LoadArg(0);
        il.LoadLocal(entering);
        il.LoadLocal(completed);
        il.Call(Runtime(nameof(CanonRuntime.Exit)));
        il.Generator.EndExceptionBlock();
        il.Mark(end);
        if (result != null) il.LoadLocal(result);
        else if (resultClr != typeof(void)) il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ret);
    }

    private static MethodInfo Runtime(string name) => CilTypes.Method(typeof(CanonRuntime), name);

    internal static FlatType ToFlat(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => FlatType.I32,
        ValueKind.I64 => FlatType.I64,
        ValueKind.F32 => FlatType.F32,
        _ => FlatType.F64,
    };
}
