using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using Heron.Tests.Binary;

namespace Heron.Tests.Text.Printer;

/// <summary>
/// Compares two modules as the text format sees them: instructions by their meaning rather than their
/// bytes (LEB128 padding, a block type given by the index of a type the shorthand also spells), locals as
/// one list of types rather than runs, segments by mode, target and items rather than by flags, and the
/// data count section by nothing (text has no way to ask for it). Binary modules of the spec suite
/// exercise exactly these encodings, which no text spelling produces. Everything else is left to
/// <see cref="ModuleComparer"/>: the parts checked here are grafted from one module onto the other first.
/// </summary>
internal static class EncodingInsensitiveComparer
{
    /// <summary>Null when the modules are equal up to binary encoding choices, else where they differ.</summary>
    public static string? Difference(WasmModule a, WasmModule b)
    {
        if (a.Globals.Length != b.Globals.Length) return "global count";
        for (var i = 0; i < a.Globals.Length; i++)
            if (a.Globals[i].Type != b.Globals[i].Type || !SameCode(a, a.Globals[i].Init, b, b.Globals[i].Init)) return $"global {i}";
        if (a.Tables.Length != b.Tables.Length) return "table count";
        for (var i = 0; i < a.Tables.Length; i++)
        {
            var (x, y) = (a.Tables[i], b.Tables[i]);
            if (x.Type != y.Type || x.Init.HasValue != y.Init.HasValue) return $"table {i}";
            if (x.Init is { } xi && !SameCode(a, xi, b, y.Init!.Value)) return $"table {i} init";
        }
        if (a.Bodies.Length != b.Bodies.Length) return "body count";
        for (var i = 0; i < a.Bodies.Length; i++)
        {
            if (!SameLocals(a.Bodies[i].Locals, b.Bodies[i].Locals)) return $"body {i} locals";
            if (!SameCode(a, a.Bodies[i].Code, b, b.Bodies[i].Code)) return $"body {i} code";
        }
        if (a.Elements.Length != b.Elements.Length) return "element count";
        for (var i = 0; i < a.Elements.Length; i++)
        {
            var (x, y) = (a.Elements[i], b.Elements[i]);
            if (x.Mode != y.Mode || x.ElementType != y.ElementType || x.TableIndex != y.TableIndex || x.Count != y.Count)
                return $"element segment {i}";
            if (x.Mode == SegmentMode.Active && !SameCode(a, x.Offset, b, y.Offset)) return $"element segment {i} offset";
            for (var j = 0; j < x.Count; j++)
                if (ItemOf(a, x, j) != ItemOf(b, y, j)) return $"element segment {i} item {j}";
        }
        if (a.Data.Length != b.Data.Length) return "data segment count";
        for (var i = 0; i < a.Data.Length; i++)
        {
            var (x, y) = (a.Data[i], b.Data[i]);
            if (x.Mode != y.Mode || x.MemoryIndex != y.MemoryIndex || !x.Data.Of(a.Bytes).SequenceEqual(y.Data.Of(b.Bytes)))
                return $"data segment {i}";
            if (x.Mode == SegmentMode.Active && !SameCode(a, x.Offset, b, y.Offset)) return $"data segment {i} offset";
        }
        var grafted = new WasmModule
        {
            Bytes = a.Bytes,
            Types = b.Types,
            Imports = b.Imports,
            FunctionTypeIndices = b.FunctionTypeIndices,
            Tables = a.Tables,
            Memories = b.Memories,
            Tags = b.Tags,
            Globals = a.Globals,
            Exports = b.Exports,
            Start = b.Start,
            Elements = a.Elements,
            DataCount = a.DataCount,
            Bodies = a.Bodies,
            Data = a.Data,
            CustomSections = a.CustomSections,
            Names = a.Names,
            ImportedFunctionCount = b.ImportedFunctionCount,
            ImportedTableCount = b.ImportedTableCount,
            ImportedMemoryCount = b.ImportedMemoryCount,
            ImportedGlobalCount = b.ImportedGlobalCount,
            ImportedTagCount = b.ImportedTagCount,
        };
        return ModuleComparer.Difference(a, grafted);
    }

    private static bool SameLocals(LocalDeclaration[] x, LocalDeclaration[] y)
    {
        // Expand both into (type, count) runs with neighbours of one type merged and empty runs dropped.
        static List<(ValueType, long)> Merge(LocalDeclaration[] runs)
        {
            var merged = new List<(ValueType Type, long Count)>();
            foreach (var run in runs)
            {
                if (run.Count == 0) continue;
                if (merged.Count > 0 && merged[^1].Type == run.Type) merged[^1] = (run.Type, merged[^1].Count + run.Count);
                else merged.Add((run.Type, run.Count));
            }
            return merged;
        }
        return Merge(x).SequenceEqual(Merge(y));
    }

    /// <summary>An element as text: its function index for the compact encodings, else its instructions.</summary>
    private static string ItemOf(WasmModule module, ElementSegment segment, int j)
    {
        if (segment.FunctionIndices is { } functions) return $"ref.func {functions[j]}";
        var range = segment.Expressions![j];
        var reader = new InstructionReader(module.Bytes, range.Start, range.End, WasmFeatures.Wasm3);
        var first = reader.Read();
        if (first.Opcode == Opcode.RefFunc && reader.Read().Opcode == Opcode.End && reader.AtEnd) return $"ref.func {first.Index}";
        return string.Join("; ", Decode(module, range));
    }

    private static bool SameCode(WasmModule a, ByteRange x, WasmModule b, ByteRange y) =>
        Decode(a, x).SequenceEqual(Decode(b, y));

    /// <summary>Each instruction with its immediates, as a string, block types given by their shorthand when they have one.</summary>
    private static List<string> Decode(WasmModule module, ByteRange range)
    {
        var list = new List<string>();
        var reader = new InstructionReader(module.Bytes, range.Start, range.End, WasmFeatures.Wasm3);
        while (!reader.AtEnd)
        {
            var i = reader.Read();
            var block = i.Block;
            if (block.HasTypeIndex && block.TypeIndex < module.Types.Length && module.Types[block.TypeIndex].Function is { } type
                && type.Parameters.Count == 0 && type.Results.Count <= 1)
                block = type.Results.Count == 0 ? BlockType.Empty : new BlockType(type.Results[0], -1);
            list.Add($"{i.Opcode} {i.Index} {i.Index2} {i.Align} {i.MemoryOffset} {i.Value} {i.V128Low} {i.V128High} {block} {i.Heap} {i.Heap2} {i.Flags}"
                + $" [{string.Join(",", i.Labels ?? [])}] [{string.Join(",", i.Types ?? [])}] [{string.Join(",", i.Catches ?? [])}]");
        }
        if (list.Count > 0 && list[^1].StartsWith(nameof(Opcode.End) + " ", StringComparison.Ordinal)) list.RemoveAt(list.Count - 1);
        return list;
    }
}
