using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The metadata tokens of one generated in-memory module, each asked of the <see cref="ModuleBuilder"/>
/// once. <see cref="ILGenerator"/> asks the module again at every <c>call</c>, <c>ldfld</c> or
/// <c>calli</c> it emits, a locked native lookup of about a microsecond; a compiled module names the same
/// few hundred members tens of thousands of times (every bounds check reads the memory's length), so
/// <see cref="CilWriter"/> emits the cached token instead. Each compiling thread has its own cache; the
/// lookups themselves are serialised on the module, as the signature lookup is not locked by the runtime.
/// </summary>
internal sealed class TokenCache(ModuleBuilder module)
{
    private readonly Dictionary<MemberInfo, int> members = new();
    // Keys and values are references or ints only: the framework's Dictionary over those is compiled ahead
    // in the framework itself, where one over a value tuple would be JIT-compiled at every start of the tool.
    private readonly Dictionary<MethodInfo, MethodToken> methods = new();
    private readonly Dictionary<string, int> signatures = new();

    private sealed record MethodToken(int Token, int Slack);

    /// <summary>
    /// The token of a method of another assembly, and how much a bare-token call to it makes the
    /// generator's stack tracking overcount (arguments popped minus result pushed).
    /// </summary>
    public (int Token, int Slack) Of(MethodInfo method)
    {
        if (!methods.TryGetValue(method, out var entry))
        {
            var popped = method.GetParameters().Length + (method.IsStatic ? 0 : 1);
            methods[method] = entry = new MethodToken(Locked(() => module.GetMethodMetadataToken(method)), popped - (method.ReturnType == typeof(void) ? 0 : 1));
        }
        return (entry.Token, entry.Slack);
    }

    public int Of(FieldInfo field)
    {
        if (!members.TryGetValue(field, out var token)) members[field] = token = Locked(() => module.GetFieldMetadataToken(field));
        return token;
    }

    public int Of(Type type)
    {
        if (!members.TryGetValue(type, out var token)) members[type] = token = Locked(() => module.GetTypeMetadataToken(type));
        return token;
    }

    private int Locked(Func<int> lookup)
    {
        lock (module) return lookup();
    }

    /// <summary>Runs an ILGenerator call that looks a signature up itself, serialised with the cache's lookups.</summary>
    public void Locked(Action emit)
    {
        lock (module) emit();
    }

    /// <summary>The stand-alone signature token of a managed static <c>calli</c>.</summary>
    public int Of(Type returnType, Type[] parameterTypes)
    {
        var key = new System.Text.StringBuilder(returnType.AssemblyQualifiedName);
        foreach (var type in parameterTypes) key.Append('|').Append(type.AssemblyQualifiedName);
        var text = key.ToString();
        if (!signatures.TryGetValue(text, out var token))
        {
            signatures[text] = token = Locked(() =>
            {
                var signature = SignatureHelper.GetMethodSigHelper(module, CallingConventions.Standard, returnType);
                signature.AddArguments(parameterTypes, null, null);
                return module.GetSignatureMetadataToken(signature);
            });
        }
        return token;
    }
}
