using System.Reflection;
using System.Runtime.CompilerServices;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Has the .NET JIT make native code for every function of a module while the module is compiled, on
/// all cores, instead of on each function's first call. Methods of a collectible
/// <c>AssemblyBuilder</c> are not tiered: the first call compiles them fully optimised, which costs
/// about 1 ms per KB of IL and, done lazily, lands in the middle of the program's run (bz2: 148 of its
/// 162 ms of run; regex 405 of 419). Done here it runs in parallel, as Wasmtime's Cranelift does, and the
/// run pays no JIT at all.
/// </summary>
internal static class AheadJit
{
    /// <summary>
    /// JITs the <paramref name="methods"/> that are <paramref name="reachable"/>, the largest IL first so
    /// that no core is left with one big method at the end.
    /// </summary>
    public static void Compile(MethodInfo[] methods, int[] ilSizes, bool[] reachable)
    {
        var chosen = new List<int>(methods.Length);
        for (int j = 0; j < methods.Length; j++)
            if (reachable[j]) chosen.Add(j);
        var order = chosen.ToArray();
        Array.Sort(order, (a, b) => ilSizes[b].CompareTo(ilSizes[a]));
        AllCores.Run(order, parallel: true, j => RuntimeHelpers.PrepareMethod(methods[j].MethodHandle));
    }

    /// <summary>
    /// Starts JITting <paramref name="methods"/> (indices into it in <paramref name="order"/>) on
    /// background threads, one core left to the caller, and returns at once. A method still waiting when
    /// the program calls it is compiled by the calling thread (the runtime compiles each method once).
    /// </summary>
    public static void Start(MethodInfo[] methods, int[] order)
    {
        if (order.Length == 0) return;
        var next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < order.Length)
            {
                try { RuntimeHelpers.PrepareMethod(methods[order[i]].MethodHandle); }
                catch (Exception) { } // the call compiles it again and reports the failure there
            }
        }
        var workers = Math.Clamp(Environment.ProcessorCount - 1, 1, order.Length);
        for (int w = 0; w < workers; w++) Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// The defined functions in the order a run is likely to need them: depth first along direct calls
    /// from the start function and the exports (a command's <c>_start</c> first), the functions a table or <c>ref.func</c> can
    /// reach after the direct callees of a function calling indirectly; then the rest, largest first.
    /// </summary>
    public static int[] CallOrder(WasmModule module, CallSites[] sites, int[] ilSizes)
    {
        var imported = module.ImportedFunctionCount;
        var defined = sites.Length;
        var taken = new List<int>();
        foreach (var segment in module.Elements)
            if (segment.FunctionIndices is { } indices) taken.AddRange(indices);
        foreach (var site in sites) taken.AddRange(site.References);

        var order = new List<int>(defined);
        var seen = new bool[defined];
        var stack = new List<int>();
        var takenPushed = false;
        void Visit(int root)
        {
            stack.Add(root);
            while (stack.Count > 0)
            {
                var j = stack.PopLast() - imported;
                if (j < 0 || seen[j]) continue;
                seen[j] = true;
                order.Add(j);
                if (sites[j].HasIndirect && !takenPushed)
                {
                    takenPushed = true;
                    for (int t = taken.Count - 1; t >= 0; t--) stack.Add(taken[t]);
                }
                var callees = sites[j].Callees;
                for (int c = callees.Count - 1; c >= 0; c--) stack.Add(callees[c]);
            }
        }
        if (module.Start is int start) Visit(start); // runs first, at instantiation
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function && export.Name == "_start") Visit(export.Index);
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function) Visit(export.Index);
        var rest = new List<int>();
        for (int j = 0; j < defined; j++)
            if (!seen[j]) rest.Add(j);
        rest.Sort((a, b) => ilSizes[b].CompareTo(ilSizes[a]));
        order.AddRange(rest);
        return order.ToArray();
    }
}
