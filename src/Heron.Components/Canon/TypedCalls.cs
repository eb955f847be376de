using System.Linq.Expressions;
using System.Reflection;
using Heron.Components.Canon.Emit;

namespace Heron.Components.Canon;

/// <summary>
/// Typed calls: whether a delegate type fits a component function type (each parameter and the result
/// carried by a .NET type <see cref="ClrMapping"/> accepts), and the delegate for functions that are not
/// compiled code (host functions, which convert through <see cref="ClrValues"/>).
/// </summary>
internal static class TypedCalls
{
    /// <summary>Null when a delegate of <paramref name="delegateType"/> can call or implement <paramref name="type"/>; otherwise why not.</summary>
    public static string? Mismatch(ComponentFunctionType type, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke");
        if (!typeof(Delegate).IsAssignableFrom(delegateType) || invoke == null) return $"{delegateType} is not a delegate type";
        var parameters = invoke.GetParameters();
        if (parameters.Length != type.Parameters.Count)
            return $"it takes {type.Parameters.Count} parameter{(type.Parameters.Count == 1 ? "" : "s")}, the delegate {parameters.Length}";
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType.IsByRef) return $"parameter {i} of the delegate is by reference";
            if (ClrMapping.Mismatch(type.Parameters[i].Type, parameters[i].ParameterType) is { } reason)
                return $"parameter '{type.Parameters[i].Label}': {reason}";
        }
        if (type.Result == null)
            return invoke.ReturnType == typeof(void) ? null : $"it returns nothing, the delegate {ClrMapping.Name(invoke.ReturnType)}";
        if (invoke.ReturnType == typeof(void)) return $"it returns {type.Result}, the delegate nothing";
        return ClrMapping.Mismatch(type.Result, invoke.ReturnType) is { } result ? $"result: {result}" : null;
    }

    /// <summary>Throws a clear <see cref="ArgumentException"/> unless <paramref name="delegateType"/> fits <paramref name="type"/>.</summary>
    public static void Check(ComponentFunctionType type, Type delegateType)
    {
        if (Mismatch(type, delegateType) is { } reason)
            throw new ArgumentException($"{type} cannot be called as {ClrMapping.Name(delegateType)}: {reason}");
    }

    /// <summary>A delegate calling <paramref name="function"/> through <see cref="ComponentValue"/>s, converting on each side.</summary>
    public static Delegate Adapter(ComponentFunction function, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var boxed = Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object))));
        var call = Expression.Call(typeof(TypedCalls).GetMethod(nameof(CallDynamically), BindingFlags.NonPublic | BindingFlags.Static)!,
            Expression.Constant(function), Expression.Constant(invoke.GetParameters().Select(p => p.ParameterType).ToArray()),
            Expression.Constant(invoke.ReturnType), boxed);
        Expression body = invoke.ReturnType == typeof(void) ? call : Expression.Convert(call, invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }

    private static object? CallDynamically(ComponentFunction function, Type[] parameterTypes, Type resultType, object?[] arguments)
    {
        var type = function.Type;
        var values = new ComponentValue[arguments.Length];
        for (var i = 0; i < values.Length; i++) values[i] = ClrValues.FromClr(arguments[i], type.Parameters[i].Type, parameterTypes[i]);
        var result = function.Call(null, values);
        if (type.Result == null) return null;
        return ClrValues.ToClr(result ?? throw new InvalidOperationException("the function returned no result"), type.Result, resultType);
    }

    /// <summary>Calls a typed host delegate with <see cref="ComponentValue"/> arguments (a host function called dynamically).</summary>
    public static ComponentValue? InvokeTyped(Delegate implementation, ComponentFunctionType type, IReadOnlyList<ComponentValue> arguments)
    {
        var invoke = implementation.GetType().GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var clrArguments = new object?[arguments.Count];
        for (var i = 0; i < clrArguments.Length; i++) clrArguments[i] = ClrValues.ToClr(arguments[i], type.Parameters[i].Type, parameters[i].ParameterType);
        object? result;
        try
        {
            result = implementation.DynamicInvoke(clrArguments);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(wrapped.InnerException);
            throw;
        }
        return type.Result == null ? null : ClrValues.FromClr(result, type.Result, invoke.ReturnType);
    }
}
