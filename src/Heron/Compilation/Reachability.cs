using Heron.Model;
using Heron.Validation;

namespace Heron.Compilation;

/// <summary>
/// Which defined functions are worth compiling ahead: those the start function and every function that
/// may become a reference (exported, or named by an element segment or a constant expression: what the
/// validator collects for <c>ref.func</c>, <see cref="ValidationResult.IsReferenced"/>) lead to through
/// direct calls, cold calls left out. A host or an indirect call can only reach a function through one of
/// those roots, so the others are dead code; a cold call (<see cref="CallSites.ColdCallees"/>) traps when
/// it returns, so what only cold calls lead to runs at most once per trap: Rust's panic and formatting
/// machinery (regex: 60 of 907 functions, 3% of its JIT time). Were one called after all, the runtime
/// would JIT it on that first call.
/// </summary>
internal static class Reachability
{
    /// <summary>For each defined function, whether to compile it ahead; <paramref name="sites"/> holds each body's direct calls.</summary>
    public static bool[] Of(WasmModule module, ValidationResult validation, CallSites[] sites)
    {
        var imported = module.ImportedFunctionCount;
        var reachable = new bool[sites.Length];
        var pending = new List<int>();
        void Root(int function)
        {
            var j = function - imported;
            if (j >= 0 && j < reachable.Length && !reachable[j])
            {
                reachable[j] = true;
                pending.Add(j);
            }
        }

        if (module.Start is int start) Root(start);
        for (int j = 0; j < sites.Length; j++)
            if (validation.IsReferenced(imported + j)) Root(imported + j);
        while (pending.Count > 0)
            foreach (var callee in sites[pending.PopLast()].Callees) Root(callee);
        return reachable;
    }
}
