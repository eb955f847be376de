using System.Text;
using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Gives each type index a canonical representative so that iso-recursive type equivalence (3.0) is an
/// integer comparison: two recursion groups are the same when their types are structurally equal with
/// references inside the group taken relative to its start and references outside it taken canonically.
/// </summary>
internal static class TypeCanonicalizer
{
    public static int[] Canonicalize(TypeDefinition[] types)
    {
        var canonical = new int[types.Length];
        for (int i = 0; i < types.Length; i++) canonical[i] = i;
        // 2.0 modules (no recursion groups, no concrete references) need no work beyond identity: function
        // types are compared through their signatures where that matters.
        if (!NeedsCanonicalization(types)) return canonical;

        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var key = new StringBuilder();
        int start = 0;
        while (start < types.Length)
        {
            var size = Math.Max(1, Math.Min(types[start].RecGroupSize, types.Length - start));
            key.Clear();
            AppendGroup(key, types, start, size, canonical);
            if (groups.TryGetValue(key.ToString(), out var first))
            {
                for (int i = 0; i < size; i++) canonical[start + i] = first + i;
            }
            else
            {
                groups.Add(key.ToString(), start);
            }
            start += size;
        }
        return canonical;
    }

    private static bool NeedsCanonicalization(TypeDefinition[] types)
    {
        foreach (var type in types)
        {
            if (type.Kind != CompositeKind.Function || type.RecGroupSize != 1 || type.SuperTypes.Length != 0 || !type.Final) return true;
            foreach (var p in type.FunctionType.Parameters) if (p.IsReference && p.Heap.IsConcrete) return true;
            foreach (var r in type.FunctionType.Results) if (r.IsReference && r.Heap.IsConcrete) return true;
        }
        return false;
    }

    /// <summary>
    /// Writes the structural key of the recursion group <paramref name="start"/>..+<paramref name="size"/>:
    /// references inside the group by their offset in it, references before it by <paramref name="outside"/>
    /// (this module's canonical indices, or the engine's ids when the registry keys groups of all modules).
    /// </summary>
    public static void AppendGroup(StringBuilder key, TypeDefinition[] types, int start, int size, int[] outside)
    {
        for (int i = start; i < start + size; i++) AppendType(key, types[i], start, size, outside);
    }

    private static void AppendType(StringBuilder key, TypeDefinition type, int groupStart, int groupSize, int[] canonical)
    {
        key.Append('(').Append((int)type.Kind).Append(type.Final ? 'f' : 'o');
        foreach (var super in type.SuperTypes) AppendIndex(key.Append('<'), super, groupStart, groupSize, canonical);
        if (type.Function is { } function)
        {
            foreach (var p in function.Parameters) AppendValueType(key.Append('p'), p, groupStart, groupSize, canonical);
            foreach (var r in function.Results) AppendValueType(key.Append('r'), r, groupStart, groupSize, canonical);
        }
        foreach (var field in type.Fields)
        {
            key.Append(field.Mutable ? 'm' : 'c').Append(field.Storage.PackedBits);
            AppendValueType(key, field.Storage.Type, groupStart, groupSize, canonical);
        }
        key.Append(')');
    }

    private static void AppendValueType(StringBuilder key, ValueType type, int groupStart, int groupSize, int[] canonical)
    {
        key.Append((int)type.Kind);
        if (!type.IsReference) return;
        key.Append(type.Nullable ? 'n' : 'x');
        if (type.Heap.IsConcrete) AppendIndex(key, type.Heap.TypeIndex, groupStart, groupSize, canonical);
        else key.Append('a').Append(type.Heap.Code);
    }

    private static void AppendIndex(StringBuilder key, int index, int groupStart, int groupSize, int[] canonical)
    {
        if (index >= groupStart && index < groupStart + groupSize) key.Append('r').Append(index - groupStart);
        else if (index < groupStart && index >= 0) key.Append('t').Append(canonical[index]);
        else key.Append('?').Append(index);
    }
}
