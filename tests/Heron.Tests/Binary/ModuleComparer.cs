using Heron.Model;

namespace Heron.Tests.Binary;

/// <summary>
/// Structural equality of two decoded modules: byte ranges are compared by their contents, not their
/// offsets, since a re-encoded module places everything elsewhere.
/// </summary>
internal static class ModuleComparer
{
    /// <summary>Null when equal, else where they first differ.</summary>
    public static string? Difference(WasmModule a, WasmModule b)
    {
        if (a.Types.Length != b.Types.Length) return $"type count {a.Types.Length} vs {b.Types.Length}";
        for (int i = 0; i < a.Types.Length; i++)
        {
            var (x, y) = (a.Types[i], b.Types[i]);
            if (x.Kind != y.Kind || !Equals(x.Function, y.Function) || !x.Fields.AsSpan().SequenceEqual(y.Fields)
                || x.Final != y.Final || !x.SuperTypes.AsSpan().SequenceEqual(y.SuperTypes)
                || x.RecGroupStart != y.RecGroupStart || x.RecGroupSize != y.RecGroupSize)
                return $"type {i}";
        }
        if (!a.Imports.AsSpan().SequenceEqual(b.Imports)) return "imports";
        if (!a.FunctionTypeIndices.AsSpan().SequenceEqual(b.FunctionTypeIndices)) return "function type indices";
        if (a.Tables.Length != b.Tables.Length) return "table count";
        for (int i = 0; i < a.Tables.Length; i++)
        {
            var (x, y) = (a.Tables[i], b.Tables[i]);
            if (x.Type != y.Type || x.Init.HasValue != y.Init.HasValue) return $"table {i}";
            if (x.Init is { } xi && !Same(a, xi, b, y.Init!.Value)) return $"table {i} init";
        }
        if (!a.Memories.AsSpan().SequenceEqual(b.Memories)) return "memories";
        if (!a.Tags.AsSpan().SequenceEqual(b.Tags)) return "tags";
        if (a.Globals.Length != b.Globals.Length) return "global count";
        for (int i = 0; i < a.Globals.Length; i++)
            if (a.Globals[i].Type != b.Globals[i].Type || !Same(a, a.Globals[i].Init, b, b.Globals[i].Init)) return $"global {i}";
        if (!a.Exports.AsSpan().SequenceEqual(b.Exports)) return "exports";
        if (a.Start != b.Start) return "start";
        if (a.Elements.Length != b.Elements.Length) return "element count";
        for (int i = 0; i < a.Elements.Length; i++)
        {
            var (x, y) = (a.Elements[i], b.Elements[i]);
            if (x.Mode != y.Mode || x.ElementType != y.ElementType || x.TableIndex != y.TableIndex || x.Encoding != y.Encoding
                || !Same(a, x.Offset, b, y.Offset) || (x.FunctionIndices == null) != (y.FunctionIndices == null))
                return $"element segment {i}";
            if (x.FunctionIndices != null && !x.FunctionIndices.AsSpan().SequenceEqual(y.FunctionIndices)) return $"element segment {i} functions";
            if (x.Expressions != null)
            {
                if (x.Expressions.Length != y.Expressions!.Length) return $"element segment {i} item count";
                for (int j = 0; j < x.Expressions.Length; j++)
                    if (!Same(a, x.Expressions[j], b, y.Expressions[j])) return $"element segment {i} item {j}";
            }
        }
        if (a.DataCount != b.DataCount) return "data count";
        if (a.Bodies.Length != b.Bodies.Length) return "body count";
        for (int i = 0; i < a.Bodies.Length; i++)
        {
            var (x, y) = (a.Bodies[i], b.Bodies[i]);
            if (!x.Locals.AsSpan().SequenceEqual(y.Locals)) return $"body {i} locals";
            if (!Same(a, x.Code, b, y.Code)) return $"body {i} code";
        }
        if (a.Data.Length != b.Data.Length) return "data count";
        for (int i = 0; i < a.Data.Length; i++)
        {
            var (x, y) = (a.Data[i], b.Data[i]);
            if (x.Mode != y.Mode || x.MemoryIndex != y.MemoryIndex || x.Encoding != y.Encoding
                || !Same(a, x.Offset, b, y.Offset) || !Same(a, x.Data, b, y.Data))
                return $"data segment {i}";
        }
        if (a.CustomSections.Length != b.CustomSections.Length) return "custom section count";
        for (int i = 0; i < a.CustomSections.Length; i++)
        {
            var (x, y) = (a.CustomSections[i], b.CustomSections[i]);
            if (x.Name != y.Name || x.After != y.After || !Same(a, x.Contents, b, y.Contents)) return $"custom section {i}";
        }
        if (a.Names.ModuleName != b.Names.ModuleName || !SameMap(a.Names.FunctionNames, b.Names.FunctionNames)) return "names";
        if (a.Names.LocalNames.Count != b.Names.LocalNames.Count) return "local names";
        foreach (var (function, locals) in a.Names.LocalNames)
            if (!b.Names.LocalNames.TryGetValue(function, out var other) || !SameMap(locals, other)) return $"local names of {function}";
        if (a.ImportedFunctionCount != b.ImportedFunctionCount || a.ImportedTableCount != b.ImportedTableCount
            || a.ImportedMemoryCount != b.ImportedMemoryCount || a.ImportedGlobalCount != b.ImportedGlobalCount
            || a.ImportedTagCount != b.ImportedTagCount)
            return "imported counts";
        return null;
    }

    private static bool Same(WasmModule a, ByteRange x, WasmModule b, ByteRange y) =>
        x.Of(a.Bytes).SequenceEqual(y.Of(b.Bytes));

    private static bool SameMap(Dictionary<int, string> x, Dictionary<int, string> y)
    {
        if (x.Count != y.Count) return false;
        foreach (var (key, value) in x)
            if (!y.TryGetValue(key, out var other) || other != value) return false;
        return true;
    }
}
