namespace Heron.Components.Validation;

/// <summary>
/// The nesting depth of value types, limited as wasm-tools limits it (100), so that lifting, lowering and
/// comparing a type can recurse over it without exhausting the stack: a primitive, handle, flags or enum
/// is depth 1, and a list, record, tuple, variant, option or result is one more than its deepest part.
/// Depths are remembered per type object, so shared parts are measured once.
/// </summary>
internal sealed class TypeDepth
{
    public const int Limit = 100;

    private readonly Dictionary<ComponentValueType, int> known = new(ReferenceEqualityComparer.Instance);

    public int Of(ComponentValueType type)
    {
        if (known.TryGetValue(type, out var depth)) return depth;
        depth = type switch
        {
            // A map counts as one level over its key and value, not as a list of tuples (two).
            ListType { IsMap: true } map => Of(map.Element),
            ListType list => 1 + Of(list.Element),
            RecordType record => 1 + record.Fields.Max(f => Of(f.Type)),
            TupleType tuple => 1 + tuple.Types.Select(Of).DefaultIfEmpty(0).Max(),
            VariantType variant => 1 + variant.Cases.Select(c => c.Type is { } t ? Of(t) : 0).DefaultIfEmpty(0).Max(),
            OptionType option => 1 + Of(option.Type),
            StreamType stream => 1 + (stream.Element is { } element ? Of(element) : 0),
            FutureType future => 1 + (future.Element is { } value ? Of(value) : 0),
            ResultType result => 1 + Math.Max(result.Ok is { } ok ? Of(ok) : 0, result.Error is { } error ? Of(error) : 0),
            _ => 1,
        };
        known[type] = depth;
        return depth;
    }
}
