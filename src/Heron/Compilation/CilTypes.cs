using System.Reflection;
using System.Runtime.Intrinsics;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// How WebAssembly types are lowered to CIL. Numbers are their CIL counterparts, v128 is
/// <c>Vector128&lt;byte&gt;</c>, every reference is <c>object</c> (a <see cref="FunctionInstance"/> or a
/// host object). A function <c>[p*] -> [r*]</c> becomes <c>static R0 f(p..., ref R1, ..., ref Rn-1,
/// InstanceContext)</c>: the first result is returned, the others go through by-reference parameters, so
/// any arity works; the context comes last so that arguments already on the CIL stack stay there.
/// </summary>
internal static class CilTypes
{
    public static Type Of(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => typeof(int),
        ValueKind.I64 => typeof(long),
        ValueKind.F32 => typeof(float),
        ValueKind.F64 => typeof(double),
        ValueKind.V128 => typeof(Vector128<byte>),
        _ => typeof(object),
    };

    public static Type ReturnType(FunctionType type) => type.Results.Count == 0 ? typeof(void) : Of(type.Results[0]);

    public static Type[] ParameterTypes(FunctionType type)
    {
        var parameters = new Type[type.Parameters.Count + Math.Max(0, type.Results.Count - 1) + 1];
        int i = 0;
        foreach (var p in type.Parameters) parameters[i++] = Of(p);
        for (int r = 1; r < type.Results.Count; r++) parameters[i++] = Of(type.Results[r]).MakeByRefType();
        parameters[i] = typeof(InstanceContext);
        return parameters;
    }

    /// <summary>The WebAssembly type a delegate parameter or result of this CLR type stands for, or null.</summary>
    public static ValueType? FromClr(Type type)
    {
        if (type == typeof(int) || type == typeof(uint)) return ValueType.I32;
        if (type == typeof(long) || type == typeof(ulong)) return ValueType.I64;
        if (type == typeof(float)) return ValueType.F32;
        if (type == typeof(double)) return ValueType.F64;
        if (type == typeof(Vector128<byte>)) return ValueType.V128;
        if (type == typeof(Function)) return ValueType.FuncRef;
        if (type == typeof(object)) return ValueType.ExternRef;
        return null;
    }

    /// <summary>The function type of a typed delegate; <paramref name="takesCaller"/> when its first parameter is a <see cref="Caller"/>.</summary>
    public static FunctionType FunctionTypeOfDelegate(Type delegateType, out bool takesCaller)
    {
        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException($"{delegateType} is not a delegate type");
        var parameters = invoke.GetParameters();
        takesCaller = parameters.Length > 0 && parameters[0].ParameterType == typeof(Caller);
        // Arrays, not List<ValueType>: ReadyToRun cannot compile the framework's List over a Heron struct ahead.
        int first = takesCaller ? 1 : 0;
        var types = new ValueType[parameters.Length - first];
        for (int i = first; i < parameters.Length; i++)
            types[i - first] = FromClr(parameters[i].ParameterType) ?? throw Unsupported(delegateType, parameters[i].ParameterType);
        var results = invoke.ReturnType == typeof(void)
            ? new ValueType[0]
            : new[] { FromClr(invoke.ReturnType) ?? throw Unsupported(delegateType, invoke.ReturnType) };
        return new FunctionType(types, results);
    }

    /// <summary>True when a delegate of <paramref name="delegateType"/> can call a function of <paramref name="type"/> directly.</summary>
    public static bool DelegateFits(Type delegateType, FunctionType type)
    {
        var invoke = delegateType.GetMethod("Invoke");
        if (invoke == null || type.Results.Count > 1) return false;
        var parameters = invoke.GetParameters();
        if (parameters.Length != type.Parameters.Count) return false;
        for (int i = 0; i < parameters.Length; i++)
            if (!Fits(parameters[i].ParameterType, type.Parameters[i])) return false;
        return type.Results.Count == 0 ? invoke.ReturnType == typeof(void) : Fits(invoke.ReturnType, type.Results[0]);
    }

    private static bool Fits(Type clr, ValueType wasm)
    {
        if (wasm.IsReference) return wasm.Heap == HeapType.Extern ? clr == typeof(object) : clr == typeof(Function) || clr == typeof(object);
        return FromClr(clr) == wasm;
    }

    private static ArgumentException Unsupported(Type delegateType, Type type) =>
        new($"{delegateType}: {type} has no WebAssembly counterpart (use int, uint, long, ulong, float, double, Vector128<byte>, Function or object)");

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type}.{name} not found");
}
