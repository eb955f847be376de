using Heron.Runtime;

namespace Heron;

/// <summary>What host-function stubs call: the caller view, and dynamic callbacks with their results checked.</summary>
internal static class HostBridge
{
    public static Caller CallerOf(InstanceContext context) => new(context.Caller, context.Runtime.Owner as Store);

    public static Value[] CallDynamic(Value[] args, InstanceContext context)
    {
        var target = (DynamicHostCallback)context.HostTarget!;
        var results = target.Callback(CallerOf(context), args) ?? [];
        var expected = target.Type.Results;
        if (results.Length != expected.Count)
            throw new WasmException($"host function returned {results.Length} values, its type {target.Type} has {expected.Count} results");
        for (int i = 0; i < results.Length; i++)
        {
            if (!ValueConversion.Matches(results[i], expected[i]))
                throw new WasmException($"host function result {i} is {results[i].Type}, its type says {expected[i]}");
        }
        return results;
    }
}
