using System.Reflection;
using System.Reflection.Emit;
using Heron.Compilation;
using Heron.Components.Runtime;
using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// Compiles the core function a <c>canon lower</c> makes, for one signature: a method with the WebAssembly
/// calling convention that checks the caller may call out, lifts the core arguments (or the tuple they
/// point to) out of the caller's memory, calls the function, and lowers its result into the caller's core
/// result or the area its last argument points to. The function is called with a list of
/// <see cref="ComponentValue"/>s (any component function) or, for a host function given as a typed
/// delegate, directly with .NET values.
/// </summary>
internal static class LowerStub
{
    private static readonly FieldInfo Callee = typeof(LowerTarget).GetField(nameof(LowerTarget.Callee))!;
    private static readonly FieldInfo Typed = typeof(LowerTarget).GetField(nameof(LowerTarget.Typed))!;
    private static readonly FieldInfo Instance = typeof(StubTarget).GetField(nameof(StubTarget.Instance))!;
    private static readonly FieldInfo Abi = typeof(StubTarget).GetField(nameof(StubTarget.Abi))!;

    /// <summary>Builds the stub and returns its code pointer; <paramref name="delegateType"/> null calls the callee dynamically.</summary>
    public static nint Build(FlatSignature signature, ResourceType[] resources, Type? delegateType)
    {
        var coreType = signature.LowerCoreType();
        StubConstants? constants = null;
        var built = StubModule.Build("Lower", builder =>
        {
            constants = new StubConstants(builder.DefineField("Constants", typeof(object[]), FieldAttributes.Public | FieldAttributes.Static));
            var (_, il) = StubModule.DefineMethod(builder, "Lowered", CilTypes.ReturnType(coreType), CilTypes.ParameterTypes(coreType));
            var target = il.DeclareLocal(typeof(LowerTarget));
            var emitter = new ValueEmitter(il, () => il.LoadLocal(target), resources, constants);
            EmitBody(emitter, target, signature, coreType, delegateType);
        });
        constants!.Install(built);
        return StubModule.Method(built, "Lowered").MethodHandle.GetFunctionPointer();
    }

    private static void EmitBody(ValueEmitter emitter, LocalBuilder target, FlatSignature signature, FunctionType coreType, Type? delegateType)
    {
        var il = emitter.Il;
        var type = signature.Type;
        var invoke = delegateType?.GetMethod("Invoke");
        var parameterClrs = invoke?.GetParameters().Select(p => p.ParameterType).ToArray()
            ?? Enumerable.Repeat(typeof(ComponentValue), type.Parameters.Count).ToArray();
        var resultClr = invoke?.ReturnType ?? typeof(ComponentValue);

        il.LoadArg(coreType.Parameters.Count);
        il.Load(typeof(InstanceContext).GetField(nameof(InstanceContext.HostTarget))!);
        il.Emit(OpCodes.Castclass, typeof(LowerTarget));
        il.StoreLocal(target);
        il.LoadLocal(target);
        il.Call(Runtime(nameof(CanonRuntime.CheckLeave)));
        if (type.Parameters.Any(p => TypeFacts.NeedsMemory(p.Type)) || (type.Result != null && TypeFacts.NeedsMemory(type.Result)) || signature.ParametersInMemory || signature.ResultInMemory)
        {
            il.LoadLocal(target);
            il.Call(Runtime(nameof(CanonRuntime.RequireMemory)));
        }
        if (TypeFacts.HasBorrows(type))
        {
            il.Generator.Emit(OpCodes.Newobj, typeof(CallScope).GetConstructor(Type.EmptyTypes)!);
            emitter.Scope = il.DeclareLocal(typeof(CallScope));
            il.StoreLocal(emitter.Scope);
        }

        // The core arguments, into slots, then lifted.
        var slots = emitter.DeclareSlots(coreType.Parameters.Select(LiftStub.ToFlat));
        for (var i = 0; i < slots.Length; i++)
        {
            il.LoadArg(i);
            il.StoreLocal(slots[i].Local);
        }
        var arguments = new LocalBuilder[type.Parameters.Count];
        if (!signature.ParametersInMemory)
        {
            var index = 0;
            for (var i = 0; i < arguments.Length; i++)
            {
                var parameterType = type.Parameters[i].Type;
                emitter.LiftFlat(parameterType, parameterClrs[i], slots, index);
                arguments[i] = il.DeclareLocal(parameterClrs[i]);
                il.StoreLocal(arguments[i]);
                index += parameterType.Layout.Flat.Count;
            }
        }
        else
        {
            var tuple = signature.ParameterTuple.Layout;
            il.LoadLocal(target);
            il.Load(Abi);
            il.LoadLocal(slots[0].Local);
            il.Int32(tuple.Size);
            il.Int32(tuple.Alignment);
            il.Call(Runtime(nameof(CanonRuntime.CheckParameterArea)));
            var offset = 0;
            for (var i = 0; i < arguments.Length; i++)
            {
                var parameterType = type.Parameters[i].Type;
                offset = CanonLayout.AlignTo(offset, parameterType.Layout.Alignment);
                emitter.Load(parameterType, parameterClrs[i], slots[0].Local, offset);
                arguments[i] = il.DeclareLocal(parameterClrs[i]);
                il.StoreLocal(arguments[i]);
                offset += parameterType.Layout.Size;
            }
        }

        // The call; handles the caller lent are released when it returns.
        var result = resultClr == typeof(void) ? null : il.DeclareLocal(resultClr);
        if (emitter.Scope != null) il.Generator.BeginExceptionBlock();
        if (invoke != null)
        {
            il.LoadLocal(target);
            il.Load(Typed);
            il.Emit(OpCodes.Castclass, delegateType!);
            foreach (var argument in arguments) il.LoadLocal(argument);
            il.Call(invoke);
        }
        else
        {
            il.LoadLocal(target);
            il.Load(Callee);
            il.LoadLocal(target);
            il.Load(Instance);
            il.Int32(arguments.Length);
            il.Emit(OpCodes.Newarr, typeof(ComponentValue));
            for (var i = 0; i < arguments.Length; i++)
            {
                il.Emit(OpCodes.Dup);
                il.Int32(i);
                il.LoadLocal(arguments[i]);
                il.Emit(OpCodes.Stelem_Ref);
            }
            il.Call(CilTypes.Method(typeof(ComponentFunction), nameof(ComponentFunction.Call)));
        }
        if (result != null) il.StoreLocal(result);
        else if (invoke == null) il.Emit(OpCodes.Pop);
        if (emitter.Scope != null)
        {
            il.Generator.BeginFinallyBlock();
            il.LoadLocal(emitter.Scope);
            il.Call(Runtime(nameof(CanonRuntime.ReleaseLenders)));
            il.Generator.EndExceptionBlock();
        }

        // The result, into the core result or the caller's memory.
        if (type.Result is not { } resultType)
        {
            il.Emit(OpCodes.Ret);
            return;
        }
        if (invoke == null)
        {
            // A dynamic function owes a value when its type has a result.
            var present = il.DefineLabel();
            il.LoadLocal(result!);
            il.Emit(OpCodes.Brtrue, present);
            il.Call(Runtime(nameof(CanonRuntime.NoResult)));
            il.Emit(OpCodes.Pop);
            il.Mark(present);
        }
        if (!signature.ResultInMemory)
        {
            var resultSlots = emitter.DeclareSlots(coreType.Results.Select(LiftStub.ToFlat));
            emitter.LowerFlat(resultType, resultClr, () => il.LoadLocal(result!), resultSlots, 0);
            il.LoadLocal(resultSlots[0].Local);
            il.Emit(OpCodes.Ret);
            return;
        }
        var area = slots[^1].Local;
        il.LoadLocal(target);
        il.Load(Abi);
        il.LoadLocal(area);
        il.Int32(resultType.Layout.Size);
        il.Int32(resultType.Layout.Alignment);
        il.Call(Runtime(nameof(CanonRuntime.CheckResultArea)));
        emitter.Store(resultType, resultClr, () => il.LoadLocal(result!), area, 0);
        il.Emit(OpCodes.Ret);
    }

    private static MethodInfo Runtime(string name) => CilTypes.Method(typeof(CanonRuntime), name);
}
