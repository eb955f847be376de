namespace Heron.Precompiled;

/// <summary>
/// The <c>Func</c>/<c>Action</c> delegate type a host function of a WebAssembly function type has when
/// written as a lambda (what <c>Linker.DefineFunction</c> is given, WASI's functions included): a
/// precompiled module carries host stubs for these, since it cannot know other delegate types a host may use.
/// </summary>
internal static class HostDelegates
{
    /// <summary>The delegate type, or null when the type has none (several results, reference or vector types, too many parameters).</summary>
    public static Type? For(FunctionType type, bool takesCaller)
    {
        if (type.Results.Count > 1) return null;
        var arguments = new List<Type>();
        if (takesCaller) arguments.Add(typeof(Caller));
        foreach (var parameter in type.Parameters)
        {
            if (Numeric(parameter) is not { } clr) return null;
            arguments.Add(clr);
        }
        if (type.Results.Count == 1)
        {
            if (Numeric(type.Results[0]) is not { } result) return null;
            arguments.Add(result);
            return arguments.Count <= 17 ? Generic("System.Func`", arguments) : null;
        }
        if (arguments.Count == 0) return typeof(Action);
        return arguments.Count <= 16 ? Generic("System.Action`", arguments) : null;
    }

    private static Type Generic(string prefix, List<Type> arguments) =>
        typeof(Action).Assembly.GetType(prefix + arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), throwOnError: true)!
            .MakeGenericType([.. arguments]);

    private static Type? Numeric(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => typeof(int),
        ValueKind.I64 => typeof(long),
        ValueKind.F32 => typeof(float),
        ValueKind.F64 => typeof(double),
        _ => null,
    };
}
