using Heron.Compilation;

namespace Heron.Components.Runtime;

/// <summary>
/// A host function given in its flat core form (<see cref="ComponentLinkerInstance.DefineCanonicalFunction"/>):
/// a delegate taking a <see cref="CanonicalCaller"/> then the flattened parameters, returning the flattened
/// result. What a binding generator emits, so that no <see cref="ComponentValue"/> is made per call.
/// </summary>
internal sealed class CanonicalHostFunction
{
    public CanonicalHostFunction(string name, Delegate implementation)
    {
        Name = name;
        var invoke = implementation.GetType().GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        if (parameters.Length == 0 || parameters[0].ParameterType != typeof(CanonicalCaller))
            throw new ArgumentException($"{implementation.GetType()}: a canonical host function takes a {nameof(CanonicalCaller)} first");
        var core = new List<ValueType>();
        foreach (var parameter in parameters.Skip(1)) core.Add(CoreType(implementation, parameter.ParameterType));
        ValueType[] results = invoke.ReturnType == typeof(void) ? [] : [CoreType(implementation, invoke.ReturnType)];
        Implementation = implementation;
        Type = new FunctionType(core, results);
    }

    /// <summary>The name it was defined under, for messages.</summary>
    public string Name { get; }

    public Delegate Implementation { get; }

    /// <summary>The core function type the delegate implements (without its caller parameter).</summary>
    public FunctionType Type { get; }

    private static ValueType CoreType(Delegate implementation, Type clr)
    {
        var type = CilTypes.FromClr(clr);
        if (type is not { } core || core.IsReference || core == ValueType.V128)
            throw new ArgumentException($"{implementation.GetType()}: {clr} is not a flat core type (use int, uint, long, ulong, float or double)");
        return core;
    }
}
