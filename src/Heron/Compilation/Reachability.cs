using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Which defined functions can ever run: those the start function, the exports and every function
/// reference (element segments, <c>ref.func</c> in code and in constant expressions: globals, tables,
/// element items) lead to through
/// direct calls. A host or an indirect call can only reach a function through one of those roots, so the
/// others are dead code that compiling ahead would JIT for nothing (regex: 17 of 907 functions, an
/// eighth of its code). Were one called after all, the runtime would JIT it on that first call.
/// </summary>
internal static class Reachability
{
    /// <summary>For each defined function, whether it can run; <paramref name="sites"/> holds each body's direct calls and references.</summary>
    public static bool[] Of(WasmModule module, CallSites[] sites)
    {
        var imported = module.ImportedFunctionCount;
        var reachable = new bool[sites.Length];
        var pending = new Stack<int>();
        void Root(int function)
        {
            var j = function - imported;
            if (j >= 0 && j < reachable.Length && !reachable[j])
            {
                reachable[j] = true;
                pending.Push(j);
            }
        }

        if (module.Start is int start) Root(start);
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function) Root(export.Index);
        foreach (var segment in module.Elements)
        {
            if (segment.FunctionIndices is { } indices)
                foreach (var index in indices) Root(index);
            if (segment.Expressions is { } expressions)
                foreach (var expression in expressions) ReferencesIn(module, expression, Root);
        }
        foreach (var global in module.Globals) ReferencesIn(module, global.Init, Root);
        foreach (var table in module.Tables)
            if (table.Init is { } init) ReferencesIn(module, init, Root);
        foreach (var site in sites)
            foreach (var reference in site.References) Root(reference);

        while (pending.Count > 0)
            foreach (var callee in sites[pending.Pop()].Callees) Root(callee);
        return reachable;
    }

    private static void ReferencesIn(WasmModule module, ByteRange expression, Action<int> root)
    {
        var reader = new InstructionReader(module.Bytes, expression.Start, expression.End);
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            if (instruction.Opcode == Opcode.RefFunc) root((int)instruction.Index);
        }
    }
}
