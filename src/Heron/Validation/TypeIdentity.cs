using System.Text;
using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// A key that is equal for two types, of any modules, exactly when they are the same type in the
/// iso-recursive sense: the same position in structurally equal recursion groups, with the types they
/// refer to outside their group equal in turn. Used where a type must match across modules by identity
/// rather than by shape (an imported tag's type).
/// </summary>
internal static class TypeIdentity
{
    public static string Of(TypeDefinition[] types, int index) => Of(types, index, new Dictionary<int, string>());

    /// <summary>The key of a function type standing alone (a host tag's type): a group of one, final, no supertype.</summary>
    public static string Of(FunctionType type) =>
        Of([new TypeDefinition { Kind = CompositeKind.Function, Function = type, RecGroupStart = 0, RecGroupSize = 1 }], 0);

    private static string Of(TypeDefinition[] types, int index, Dictionary<int, string> known)
    {
        if (known.TryGetValue(index, out var cached)) return cached;
        var start = types[index].RecGroupStart;
        var size = Math.Max(1, types[index].RecGroupSize);
        var key = new StringBuilder();
        for (int i = start; i < start + size && i < types.Length; i++)
        {
            var type = types[i];
            key.Append('(').Append((int)type.Kind).Append(type.Final ? 'f' : 'o');
            foreach (var super in type.SuperTypes) Index(key.Append('<'), types, super, start, size, known);
            if (type.Function is { } function)
            {
                foreach (var p in function.Parameters) Value(key.Append('p'), types, p, start, size, known);
                foreach (var r in function.Results) Value(key.Append('r'), types, r, start, size, known);
            }
            foreach (var field in type.Fields)
            {
                key.Append(field.Mutable ? 'm' : 'c').Append(field.Storage.PackedBits);
                Value(key, types, field.Storage.Type, start, size, known);
            }
            key.Append(')');
        }
        var result = key.Append('#').Append(index - start).ToString();
        known[index] = result;
        return result;
    }

    private static void Value(StringBuilder key, TypeDefinition[] types, ValueType type, int start, int size, Dictionary<int, string> known)
    {
        key.Append((int)type.Kind);
        if (!type.IsReference) return;
        key.Append(type.Nullable ? 'n' : 'x');
        if (type.Heap.IsConcrete) Index(key, types, type.Heap.TypeIndex, start, size, known);
        else key.Append('a').Append(type.Heap.Code);
    }

    private static void Index(StringBuilder key, TypeDefinition[] types, int index, int start, int size, Dictionary<int, string> known)
    {
        if (index >= start && index < start + size) key.Append('r').Append(index - start);
        // Types outside the group come before it, so this recursion ends.
        else if (index >= 0 && index < start) key.Append('{').Append(Of(types, index, known)).Append('}');
        else key.Append('?').Append(index);
    }
}
