namespace Heron.Components.Canon;

/// <summary>Facts about a value type that decide what a call needs (a borrow scope, a memory).</summary>
internal static class TypeFacts
{
    /// <summary>Whether a value of the type can hold a resource handle (own or borrow) anywhere inside.</summary>
    public static bool HasHandles(ComponentValueType type) => Any(type, t => t is HandleType);

    /// <summary>Whether a value of the type can hold a <c>borrow</c> handle anywhere inside.</summary>
    public static bool HasBorrows(ComponentValueType type) => Any(type, t => t is HandleType { IsBorrow: true });

    /// <summary>Whether a value of the type can live in memory out of line (a string or a list of variable length).</summary>
    public static bool NeedsMemory(ComponentValueType type) =>
        Any(type, t => t is PrimitiveType { Kind: PrimitiveKind.String } or ListType { FixedLength: null });

    public static bool HasBorrows(ComponentFunctionType type) => type.Parameters.Any(p => HasBorrows(p.Type));

    public static bool HasHandles(ComponentFunctionType type) =>
        type.Parameters.Any(p => HasHandles(p.Type)) || (type.Result != null && HasHandles(type.Result));

    private static bool Any(ComponentValueType type, Func<ComponentValueType, bool> test)
    {
        if (test(type)) return true;
        return type switch
        {
            ListType l => Any(l.Element, test),
            RecordType r => r.Fields.Any(f => Any(f.Type, test)),
            TupleType t => t.Types.Any(e => Any(e, test)),
            VariantType v => v.Cases.Any(c => c.Type != null && Any(c.Type, test)),
            OptionType o => Any(o.Type, test),
            ResultType r => (r.Ok != null && Any(r.Ok, test)) || (r.Error != null && Any(r.Error, test)),
            _ => false,
        };
    }
}
