using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// What one function's body shows of the call graph, recorded by <see cref="FunctionCompiler"/> as it
/// compiles (reachable code only).
/// </summary>
internal sealed class CallSites
{
    /// <summary>Some call_indirect or call_ref (the callee unknown).</summary>
    public bool HasIndirect;
    /// <summary>Direct callees (function indices, imports included), anywhere in the body, but for cold calls.</summary>
    public readonly List<int> Callees = new();
    /// <summary>Direct callees called only where <c>unreachable</c> follows the call: a call that, when it returns, traps.</summary>
    public readonly List<int> ColdCallees = new();
    /// <summary>Functions whose reference the body takes (<c>ref.func</c>).</summary>
    public readonly List<int> References = new();
}
