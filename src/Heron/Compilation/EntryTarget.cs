using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>What a typed entry delegate is closed over: the function to call and its store's runtime.</summary>
internal sealed class EntryTarget(FunctionInstance function)
{
    public readonly nint Code = function.Code;
    public readonly InstanceContext Context = function.Context;
    public readonly StoreRuntime Runtime = function.Context.Runtime;
    public readonly FunctionInstance Function = function;
}
