using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

/// <summary>A core value type of the flattened canonical ABI.</summary>
internal enum Flat { I32, I64, F32, F64 }

/// <summary>
/// A WIT type as the canonical ABI lays it out: its flat core values (for parameters and results passed in
/// registers) and its size and alignment in linear memory, following the specification's <c>flatten_type</c>,
/// <c>elem_size</c> and <c>alignment</c>.
/// </summary>
internal sealed class AbiLayout
{
    public const int MaxFlatParameters = 16;
    public const int MaxFlatResults = 1;

    private AbiLayout(IReadOnlyList<Flat> flat, int size, int alignment)
    {
        FlatTypes = flat;
        Size = size;
        Alignment = alignment;
    }

    public IReadOnlyList<Flat> FlatTypes { get; }
    public int Size { get; }
    public int Alignment { get; }

    /// <summary>For a variant-like type: the size of its discriminant and where its payload starts.</summary>
    public int DiscriminantSize { get; private init; }
    public int PayloadOffset { get; private init; }

    /// <summary>For a record or tuple: where each field starts.</summary>
    public IReadOnlyList<int> FieldOffsets { get; private init; } = [];

    public static string CsType(Flat flat) => flat switch
    {
        Flat.I32 => "int",
        Flat.I64 => "long",
        Flat.F32 => "float",
        _ => "double",
    };

    public static AbiLayout Of(WitType type)
    {
        type = TypeOps.Normalize(type);
        switch (type)
        {
            case PrimitiveType primitive:
                return primitive.Kind switch
                {
                    PrimitiveKind.Bool or PrimitiveKind.S8 or PrimitiveKind.U8 => new([Flat.I32], 1, 1),
                    PrimitiveKind.S16 or PrimitiveKind.U16 => new([Flat.I32], 2, 2),
                    PrimitiveKind.S64 or PrimitiveKind.U64 => new([Flat.I64], 8, 8),
                    PrimitiveKind.F32 => new([Flat.F32], 4, 4),
                    PrimitiveKind.F64 => new([Flat.F64], 8, 8),
                    PrimitiveKind.String => new([Flat.I32, Flat.I32], 8, 4),
                    _ => new([Flat.I32], 4, 4),
                };
            case ListType:
                return new([Flat.I32, Flat.I32], 8, 4);
            case HandleType:
                return new([Flat.I32], 4, 4);
            case TupleType tuple:
                return OfFields(tuple.Elements);
            case OptionType option:
                return OfCases([null, option.Inner]);
            case ResultType result:
                return OfCases([result.Ok, result.Error]);
            case NamedType named:
            {
                var definition = named.Definition;
                switch (definition.Kind)
                {
                    case TypeDefinitionKind.Record:
                        return OfFields(definition.Fields.Select(f => f.Type).ToList());
                    case TypeDefinitionKind.Variant:
                        return OfCases(definition.Cases.Select(c => c.Payload).ToList());
                    case TypeDefinitionKind.Enum:
                        return OfCases(definition.Cases.Select(_ => (WitType?)null).ToList());
                    case TypeDefinitionKind.Flags:
                    {
                        var size = definition.Cases.Count <= 8 ? 1 : definition.Cases.Count <= 16 ? 2 : 4;
                        return new([Flat.I32], size, size);
                    }
                }
                break;
            }
        }
        throw new System.InvalidOperationException($"no canonical layout for {type}");
    }

    /// <summary>The layout of a function's parameters taken together, as when they are passed in memory.</summary>
    public static AbiLayout OfFields(IReadOnlyList<WitType> fields)
    {
        var flat = new List<Flat>();
        var offsets = new List<int>();
        int size = 0, alignment = 1;
        foreach (var field in fields)
        {
            var layout = Of(field);
            size = AlignTo(size, layout.Alignment);
            offsets.Add(size);
            size += layout.Size;
            alignment = System.Math.Max(alignment, layout.Alignment);
            flat.AddRange(layout.FlatTypes);
        }
        return new AbiLayout(flat, AlignTo(size, alignment), alignment) { FieldOffsets = offsets };
    }

    private static AbiLayout OfCases(IReadOnlyList<WitType?> cases)
    {
        var discriminant = cases.Count <= 256 ? 1 : cases.Count <= 65536 ? 2 : 4;
        int caseAlignment = 1, caseSize = 0;
        var joined = new List<Flat>();
        foreach (var payload in cases)
        {
            if (payload is null) continue;
            var layout = Of(payload);
            caseAlignment = System.Math.Max(caseAlignment, layout.Alignment);
            caseSize = System.Math.Max(caseSize, layout.Size);
            for (var i = 0; i < layout.FlatTypes.Count; i++)
            {
                if (i < joined.Count) joined[i] = Join(joined[i], layout.FlatTypes[i]);
                else joined.Add(layout.FlatTypes[i]);
            }
        }
        var alignment = System.Math.Max(discriminant, caseAlignment);
        var payloadOffset = AlignTo(discriminant, caseAlignment);
        var size = AlignTo(payloadOffset + caseSize, alignment);
        return new AbiLayout([Flat.I32, .. joined], size, alignment) { DiscriminantSize = discriminant, PayloadOffset = payloadOffset };
    }

    /// <summary>Two cases' flat values sharing a slot: the same type, i32 for i32 and f32, else i64.</summary>
    private static Flat Join(Flat a, Flat b) =>
        a == b ? a : (a, b) is (Flat.I32, Flat.F32) or (Flat.F32, Flat.I32) ? Flat.I32 : Flat.I64;

    private static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
