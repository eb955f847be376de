using System.Runtime.CompilerServices;
using System.Reflection;
using System.Reflection.Emit;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// The engine's generated glue, each piece made once and cached: invokers (a call from the host with
/// <see cref="Value"/>s), typed entries (a call from the host through a typed delegate, no boxing),
/// and host stubs (the WebAssembly calling convention in front of a host delegate or callback, so
/// compiled code calls host functions with the same <c>calli</c> as any import).
/// </summary>
internal sealed class StubFactory(Engine engine)
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, WasmInvoker> invokers = new();
    // Made on first use: its constructor over the key tuple is framework code every start would JIT-compile,
    // for a map only typed delegates (GetFunction<TDelegate>) need.
    private Dictionary<(Type, int), MethodInfo>? typedEntries;
    private readonly Dictionary<Type, nint> typedHostStubs = new();
    // Boxed pointers: a Dictionary with a reference value shares the framework's canonical code, where one of
    // nint would need its own; the box is Heron's own class (StrongBox<nint>'s constructor would be JIT-compiled
    // at every start of the tool).
    private readonly Dictionary<int, CodePointer> dynamicHostStubs = new();

    private sealed class CodePointer(nint value)
    {
        public nint Value { get; } = value;
    }
    private ModuleBuilder? module;
    private int count;

    /// <summary>How many stub types this factory has generated (what tests check precompiled stubs by).</summary>
    internal int GeneratedTypes
    {
        get
        {
            lock (gate) return count;
        }
    }

    private TypeBuilder NewType()
    {
        module ??= DynamicAssemblies.DefineModule("Heron.Generated.Stubs" + engine.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return module.DefineType("Stub" + (++count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
    }

    private static MethodInfo Finish(TypeBuilder type, string name) =>
        type.CreateType().GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    public WasmInvoker GetInvoker(int signatureId, FunctionType type)
    {
        lock (gate)
        {
            if (invokers.TryGetValue(signatureId, out var invoker)) return invoker;
            var builder = NewType();
            var method = builder.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Static, typeof(void), InvokerParameters);
            EmitInvoker(new CilWriter(method.GetILGenerator()), type);
            invoker = Finish(builder, "Invoke").CreateDelegate<WasmInvoker>();
            invokers[signatureId] = invoker;
            return invoker;
        }
    }

    /// <summary>The parameters of an invoker (see <see cref="WasmInvoker"/>).</summary>
    internal static readonly Type[] InvokerParameters = [typeof(Value[]), typeof(Value[]), typeof(nint), typeof(InstanceContext)];

    /// <summary>The body of an invoker for functions of <paramref name="type"/>: unwraps the arguments, calls the code, wraps the results.</summary>
    internal static void EmitInvoker(CilWriter il, FunctionType type)
    {
        for (int i = 0; i < type.Parameters.Count; i++)
        {
            ValueAccess.EmitLoadElementAddress(il, 0, i);
            ValueAccess.EmitUnwrap(il, type.Parameters[i]);
        }
        var outs = new LocalBuilder[Math.Max(0, type.Results.Count - 1)];
        for (int k = 0; k < outs.Length; k++)
        {
            outs[k] = il.DeclareLocal(CilTypes.Of(type.Results[k + 1]));
            il.LoadLocalAddress(outs[k]);
        }
        il.LoadArg(3);
        il.LoadArg(2);
        il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
        if (type.Results.Count > 0)
        {
            var first = il.DeclareLocal(CilTypes.Of(type.Results[0]));
            il.StoreLocal(first);
            StoreResult(il, 0, first, type.Results[0]);
        }
        for (int k = 0; k < outs.Length; k++) StoreResult(il, k + 1, outs[k], type.Results[k + 1]);
        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// Adds code made ahead (a precompiled module's, see <see cref="Precompiled.ModulePrecompiler"/>): an
    /// invoker for a signature and host stubs for delegate types, used instead of generating them, which a
    /// process without dynamic code (NativeAOT) cannot do.
    /// </summary>
    public void AddPrecompiled(int signatureId, WasmInvoker? invoker, IEnumerable<(Type DelegateType, nint Stub)> hostStubs)
    {
        lock (gate)
        {
            if (invoker is not null) invokers.TryAdd(signatureId, invoker);
            foreach (var (delegateType, stub) in hostStubs) typedHostStubs.TryAdd(delegateType, stub);
        }
    }

    private static void StoreResult(CilWriter il, int index, LocalBuilder local, ValueType type)
    {
        il.LoadArg(1);
        il.Int32(index);
        il.LoadLocal(local);
        ValueAccess.EmitWrap(il, type);
        il.Emit(OpCodes.Stelem, typeof(Value));
    }

    /// <summary>A delegate of <paramref name="delegateType"/> calling <paramref name="function"/> through the host entry protocol.</summary>
    public Delegate CreateTypedEntry(Type delegateType, FunctionInstance function)
    {
        if (!CilTypes.DelegateFits(delegateType, function.Type))
            throw new ArgumentException($"{delegateType} does not match the function type {function.Type}");
        MethodInfo entry;
        lock (gate)
        {
            typedEntries ??= new Dictionary<(Type, int), MethodInfo>();
            if (!typedEntries.TryGetValue((delegateType, function.SignatureId), out entry!))
            {
                entry = BuildTypedEntry(delegateType, function.Type);
                typedEntries[(delegateType, function.SignatureId)] = entry;
            }
        }
        return entry.CreateDelegate(delegateType, new EntryTarget(function));
    }

    private MethodInfo BuildTypedEntry(Type delegateType, FunctionType type)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var parameterTypes = new Type[parameters.Length + 1];
        parameterTypes[0] = typeof(EntryTarget);
        for (int i = 0; i < parameters.Length; i++) parameterTypes[i + 1] = parameters[i].ParameterType;
        var builder = NewType();
        var method = builder.DefineMethod("Enter", MethodAttributes.Public | MethodAttributes.Static, invoke.ReturnType, parameterTypes);
        var il = new CilWriter(method.GetILGenerator());
        var result = invoke.ReturnType == typeof(void) ? null : il.DeclareLocal(invoke.ReturnType);
        il.LoadArg(0);
        il.Load(RuntimeMembers.EntryRuntime);
        il.Call(CilTypes.Method(typeof(HostEntry), nameof(HostEntry.Enter)));
        il.Generator.BeginExceptionBlock();
        for (int i = 0; i < parameters.Length; i++)
        {
            il.LoadArg(i + 1);
            if (parameters[i].ParameterType == typeof(Function))
                il.Call(CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ToWasm)));
        }
        il.LoadArg(0);
        il.Load(RuntimeMembers.EntryContext);
        il.LoadArg(0);
        il.Load(RuntimeMembers.EntryCode);
        il.Calli(CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
        if (result != null)
        {
            if (invoke.ReturnType == typeof(Function))
                il.Call(CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ToFunction)));
            il.StoreLocal(result);
        }
        // A failed bounds check of compiled code arrives as an OverflowException (see MemoryFault).
        var rethrow = il.DefineLabel();
        il.Generator.BeginCatchBlock(typeof(OverflowException));
        il.Emit(OpCodes.Dup);
        il.Call(CilTypes.Method(typeof(MemoryFault), nameof(MemoryFault.IsFault)));
        il.Emit(OpCodes.Brfalse, rethrow);
        il.Call(CilTypes.Method(typeof(MemoryFault), nameof(MemoryFault.Trap)));
        il.Emit(OpCodes.Throw);
        il.Mark(rethrow);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Rethrow);
        il.Generator.BeginFinallyBlock();
        il.LoadArg(0);
        il.Load(RuntimeMembers.EntryRuntime);
        il.Call(CilTypes.Method(typeof(HostEntry), nameof(HostEntry.Exit)));
        il.Generator.EndExceptionBlock();
        if (result != null) il.LoadLocal(result);
        il.Emit(OpCodes.Ret);
        return Finish(builder, "Enter");
    }

    /// <summary>Code pointer of a stub with the WebAssembly calling convention that calls a typed host delegate.</summary>
    public nint GetTypedHostStub(Type delegateType, FunctionType type)
    {
        lock (gate)
        {
            if (typedHostStubs.TryGetValue(delegateType, out var stub)) return stub;
            var builder = NewType();
            var method = builder.DefineMethod("Host", MethodAttributes.Public | MethodAttributes.Static,
                CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
            EmitTypedHostStub(new CilWriter(method.GetILGenerator()), delegateType, type);
            stub = Finish(builder, "Host").MethodHandle.GetFunctionPointer();
            typedHostStubs[delegateType] = stub;
            return stub;
        }
    }

    /// <summary>
    /// The body of a host stub: a method with the WebAssembly calling convention for <paramref name="type"/>
    /// that calls the context's host delegate, of <paramref name="delegateType"/>.
    /// </summary>
    internal static void EmitTypedHostStub(CilWriter il, Type delegateType, FunctionType type)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var takesCaller = parameters.Length > 0 && parameters[0].ParameterType == typeof(Caller);
        var contextArgument = type.Parameters.Count;
        il.LoadArg(contextArgument);
        il.Load(RuntimeMembers.ContextHostTarget);
        il.Emit(OpCodes.Castclass, delegateType);
        if (takesCaller)
        {
            il.LoadArg(contextArgument);
            il.Call(CilTypes.Method(typeof(HostBridge), nameof(HostBridge.CallerOf)));
        }
        var first = takesCaller ? 1 : 0;
        for (int i = 0; i < type.Parameters.Count; i++)
        {
            il.LoadArg(i);
            if (parameters[first + i].ParameterType == typeof(Function))
                il.Call(CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ToFunction)));
        }
        il.Call(invoke);
        if (invoke.ReturnType == typeof(Function))
            il.Call(CilTypes.Method(typeof(ValueConversion), nameof(ValueConversion.ToWasm)));
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Code pointer of a stub with the WebAssembly calling convention that calls a dynamic host callback.</summary>
    public nint GetDynamicHostStub(int signatureId, FunctionType type)
    {
        lock (gate)
        {
            if (dynamicHostStubs.TryGetValue(signatureId, out var known)) return known.Value;
            var builder = NewType();
            var method = builder.DefineMethod("Host", MethodAttributes.Public | MethodAttributes.Static,
                CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
            var il = new CilWriter(method.GetILGenerator());
            var n = type.Parameters.Count;
            var outCount = Math.Max(0, type.Results.Count - 1);
            var contextArgument = n + outCount;
            var args = il.DeclareLocal(typeof(Value[]));
            var results = il.DeclareLocal(typeof(Value[]));
            il.Int32(n);
            il.Emit(OpCodes.Newarr, typeof(Value));
            il.StoreLocal(args);
            for (int i = 0; i < n; i++)
            {
                il.LoadLocal(args);
                il.Int32(i);
                il.LoadArg(i);
                ValueAccess.EmitWrap(il, type.Parameters[i]);
                il.Emit(OpCodes.Stelem, typeof(Value));
            }
            il.LoadLocal(args);
            il.LoadArg(contextArgument);
            il.Call(CilTypes.Method(typeof(HostBridge), nameof(HostBridge.CallDynamic)));
            il.StoreLocal(results);
            for (int k = 1; k < type.Results.Count; k++)
            {
                il.LoadArg(n + k - 1);
                il.LoadLocal(results);
                il.Int32(k);
                il.Emit(OpCodes.Ldelema, typeof(Value));
                ValueAccess.EmitUnwrap(il, type.Results[k]);
                il.Emit(OpCodes.Stobj, CilTypes.Of(type.Results[k]));
            }
            if (type.Results.Count > 0)
            {
                il.LoadLocal(results);
                il.Int32(0);
                il.Emit(OpCodes.Ldelema, typeof(Value));
                ValueAccess.EmitUnwrap(il, type.Results[0]);
            }
            il.Emit(OpCodes.Ret);
            var stub = Finish(builder, "Host").MethodHandle.GetFunctionPointer();
            dynamicHostStubs[signatureId] = new CodePointer(stub);
            return stub;
        }
    }
}
