namespace Heron.Components;

/// <summary>The core value types a component value flattens to.</summary>
public enum FlatType : byte { I32, I64, F32, F64 }

/// <summary>
/// Where a value of a component type lives in linear memory and in core values, per the canonical ABI:
/// alignment and size in memory, and the sequence of core values it flattens to. Options, results, enums
/// and tuples take the layout of the variant or record they stand for.
/// </summary>
public sealed class CanonLayout
{
    private CanonLayout(int alignment, int size, FlatType[] flat, int discriminantSize = 0, int payloadOffset = 0)
    {
        Alignment = alignment;
        Size = size;
        Flat = flat;
        DiscriminantSize = discriminantSize;
        PayloadOffset = payloadOffset;
    }

    public int Alignment { get; }

    /// <summary>The element size: bytes between consecutive values of this type in a list.</summary>
    public int Size { get; }

    /// <summary>The core values of the flattened form.</summary>
    public IReadOnlyList<FlatType> Flat { get; }

    /// <summary>For variant-like types: bytes of the discriminant (1, 2 or 4).</summary>
    public int DiscriminantSize { get; }

    /// <summary>For variant-like types: offset of the payload in memory.</summary>
    public int PayloadOffset { get; }

    internal static CanonLayout Of(ComponentValueType type) => type switch
    {
        PrimitiveType p => Primitive(p.Kind),
        RecordType r => Record(r.Fields.Select(f => f.Type)),
        TupleType t => Record(t.Types),
        VariantType v => Variant(v.Cases.Select(c => c.Type).ToList()),
        EnumType e => Variant(e.Cases.Select(_ => (ComponentValueType?)null).ToList()),
        OptionType o => Variant([null, o.Type]),
        ResultType r => Variant([r.Ok, r.Error]),
        ListType { FixedLength: { } n } l => FixedList(l.Element.Layout, n),
        ListType => new CanonLayout(4, 8, [FlatType.I32, FlatType.I32]),
        FlagsType f => Flags(f.Names.Count),
        HandleType or StreamType or FutureType => new CanonLayout(4, 4, [FlatType.I32]),
        _ => throw new ArgumentException($"no canonical ABI layout for {type}"),
    };

    private static CanonLayout Primitive(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool or PrimitiveKind.S8 or PrimitiveKind.U8 => new(1, 1, [FlatType.I32]),
        PrimitiveKind.S16 or PrimitiveKind.U16 => new(2, 2, [FlatType.I32]),
        PrimitiveKind.S32 or PrimitiveKind.U32 or PrimitiveKind.Char or PrimitiveKind.ErrorContext => new(4, 4, [FlatType.I32]),
        PrimitiveKind.S64 or PrimitiveKind.U64 => new(8, 8, [FlatType.I64]),
        PrimitiveKind.F32 => new(4, 4, [FlatType.F32]),
        PrimitiveKind.F64 => new(8, 8, [FlatType.F64]),
        PrimitiveKind.String => new(4, 8, [FlatType.I32, FlatType.I32]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static CanonLayout Record(IEnumerable<ComponentValueType> fields)
    {
        int alignment = 1, size = 0;
        var flat = new List<FlatType>();
        foreach (var field in fields)
        {
            var layout = field.Layout;
            size = AlignTo(size, layout.Alignment) + layout.Size;
            alignment = Math.Max(alignment, layout.Alignment);
            flat.AddRange(layout.Flat);
        }
        return new CanonLayout(alignment, AlignTo(size, alignment), flat.ToArray());
    }

    private static CanonLayout Variant(IReadOnlyList<ComponentValueType?> cases)
    {
        var discriminantSize = DiscriminantSizeFor(cases.Count);
        int caseAlignment = 1, caseSize = 0;
        var flat = new List<FlatType>();
        foreach (var c in cases)
        {
            if (c == null) continue;
            var layout = c.Layout;
            caseAlignment = Math.Max(caseAlignment, layout.Alignment);
            caseSize = Math.Max(caseSize, layout.Size);
            for (var i = 0; i < layout.Flat.Count; i++)
            {
                if (i < flat.Count) flat[i] = Join(flat[i], layout.Flat[i]);
                else flat.Add(layout.Flat[i]);
            }
        }
        var alignment = Math.Max(discriminantSize, caseAlignment);
        var payloadOffset = AlignTo(discriminantSize, caseAlignment);
        flat.Insert(0, FlatType.I32);
        return new CanonLayout(alignment, AlignTo(payloadOffset + caseSize, alignment), flat.ToArray(), discriminantSize, payloadOffset);
    }

    private static CanonLayout FixedList(CanonLayout element, uint length)
    {
        var flat = new List<FlatType>();
        // A fixed list too long to flatten usefully still has a flat form; the caller's MAX_FLAT limits
        // send it through memory long before this list matters, so cap the work done here.
        var copies = (int)Math.Min(length, 17u);
        for (var i = 0; i < copies; i++) flat.AddRange(element.Flat);
        return new CanonLayout(element.Alignment, checked((int)Math.Min((long)element.Size * length, int.MaxValue)), flat.ToArray());
    }

    private static CanonLayout Flags(int count) => count switch
    {
        <= 8 => new(1, 1, [FlatType.I32]),
        <= 16 => new(2, 2, [FlatType.I32]),
        _ => new(4, 4, [FlatType.I32]),
    };

    /// <summary>Bytes of a variant's discriminant for a number of cases: the smallest of 1, 2, 4 that counts them.</summary>
    public static int DiscriminantSizeFor(int caseCount) => caseCount <= 256 ? 1 : caseCount <= 65536 ? 2 : 4;

    private static FlatType Join(FlatType a, FlatType b)
    {
        if (a == b) return a;
        if ((a == FlatType.I32 && b == FlatType.F32) || (a == FlatType.F32 && b == FlatType.I32)) return FlatType.I32;
        return FlatType.I64;
    }

    internal static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
