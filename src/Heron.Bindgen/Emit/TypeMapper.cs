using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

/// <summary>
/// The C# shape of each WIT type, and the conversions between it and the component value the runtime moves.
/// Primitives convert inline; every other type gets one pair of methods in the generated <c>Marshal</c> class
/// (registered on first use, written at the end), so a value is evaluated once and nested types stay readable.
/// </summary>
internal sealed class TypeMapper(WorldPlan plan)
{
    private readonly Dictionary<string, Conversion> _conversions = new(System.StringComparer.Ordinal);
    private readonly Dictionary<TypeDefinition, int> _definitionIds = new();

    public List<Conversion> Conversions { get; } = [];
    public bool UsesOption { get; private set; }
    public bool UsesResult { get; private set; }

    /// <summary>One WIT type with its converter method names.</summary>
    internal sealed class Conversion(WitType type, int id)
    {
        public WitType Type { get; } = type;
        public string LowerName { get; } = "Lower" + id;
        public string LiftName { get; } = "Lift" + id;
    }

    public string CsType(WitType type)
    {
        type = TypeOps.Normalize(type);
        switch (type)
        {
            case PrimitiveType primitive:
                return primitive.Kind switch
                {
                    PrimitiveKind.Bool => "bool",
                    PrimitiveKind.S8 => "sbyte",
                    PrimitiveKind.U8 => "byte",
                    PrimitiveKind.S16 => "short",
                    PrimitiveKind.U16 => "ushort",
                    PrimitiveKind.S32 => "int",
                    PrimitiveKind.U32 => "uint",
                    PrimitiveKind.S64 => "long",
                    PrimitiveKind.U64 => "ulong",
                    PrimitiveKind.F32 => "float",
                    PrimitiveKind.F64 => "double",
                    PrimitiveKind.Char => "global::System.Text.Rune",
                    _ => "string",
                };
            case ListType list:
                return CsType(list.Element) + "[]";
            case OptionType option:
            {
                var inner = TypeOps.Normalize(option.Inner);
                if (inner is OptionType)
                {
                    UsesOption = true;
                    return $"Option<{CsType(inner)}>";
                }
                return CsType(inner) + "?";
            }
            case ResultType result:
                UsesResult = true;
                return $"Result<{(result.Ok is null ? "Unit" : CsType(result.Ok))}, {(result.Error is null ? "Unit" : CsType(result.Error))}>";
            case TupleType tuple:
                return tuple.Elements.Count == 1
                    ? $"global::System.ValueTuple<{CsType(tuple.Elements[0])}>"
                    : "(" + string.Join(", ", tuple.Elements.Select(CsType)) + ")";
            case HandleType handle:
                return plan.TypeNames[handle.Resource];
            case NamedType named:
                return plan.TypeNames[named.Definition];
            default:
                return "object";
        }
    }

    /// <summary>True when the C# type is a value type (so <c>T?</c> is <see cref="System.Nullable{T}"/>).</summary>
    public bool IsValueType(WitType type)
    {
        type = TypeOps.Normalize(type);
        return type switch
        {
            PrimitiveType primitive => primitive.Kind != PrimitiveKind.String,
            ResultType or TupleType => true,
            OptionType option => TypeOps.Normalize(option.Inner) is OptionType,
            NamedType named => named.Definition.Kind is TypeDefinitionKind.Enum or TypeDefinitionKind.Flags,
            _ => false,
        };
    }

    /// <summary>
    /// A C# expression making the component value of <paramref name="expression"/>; <paramref name="via"/> is the
    /// receiver of the converter method (<c>marshal.</c>) when the code is outside the Marshal class.
    /// </summary>
    public string Lower(WitType type, string expression, string via = "")
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            var factory = primitive.Kind switch
            {
                PrimitiveKind.Bool => "Bool",
                PrimitiveKind.S8 => "S8",
                PrimitiveKind.U8 => "U8",
                PrimitiveKind.S16 => "S16",
                PrimitiveKind.U16 => "U16",
                PrimitiveKind.S32 => "S32",
                PrimitiveKind.U32 => "U32",
                PrimitiveKind.S64 => "S64",
                PrimitiveKind.U64 => "U64",
                PrimitiveKind.F32 => "F32",
                PrimitiveKind.F64 => "F64",
                PrimitiveKind.Char => "Char",
                _ => "String",
            };
            return $"global::Heron.Components.ComponentValue.{factory}({expression})";
        }
        return $"{via}{Register(type).LowerName}({expression})";
    }

    /// <summary>A C# expression reading the C# value out of the component value <paramref name="expression"/>.</summary>
    public string Lift(WitType type, string expression, string via = "")
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            var reader = primitive.Kind switch
            {
                PrimitiveKind.Bool => "AsBool",
                PrimitiveKind.S8 => "AsS8",
                PrimitiveKind.U8 => "AsU8",
                PrimitiveKind.S16 => "AsS16",
                PrimitiveKind.U16 => "AsU16",
                PrimitiveKind.S32 => "AsS32",
                PrimitiveKind.U32 => "AsU32",
                PrimitiveKind.S64 => "AsS64",
                PrimitiveKind.U64 => "AsU64",
                PrimitiveKind.F32 => "AsF32",
                PrimitiveKind.F64 => "AsF64",
                PrimitiveKind.Char => "AsChar",
                _ => "AsString",
            };
            return $"{expression}.{reader}()";
        }
        return $"{via}{Register(type).LiftName}({expression})";
    }

    private Conversion Register(WitType type)
    {
        var key = Key(type);
        if (!_conversions.TryGetValue(key, out var conversion))
        {
            conversion = new Conversion(type, Conversions.Count);
            _conversions[key] = conversion;
            Conversions.Add(conversion);
        }
        return conversion;
    }

    /// <summary>A structural key: two mentions of the same type share one pair of converters.</summary>
    private string Key(WitType type)
    {
        type = TypeOps.Normalize(type);
        return type switch
        {
            PrimitiveType primitive => primitive.Kind.ToString(),
            ListType list => $"list<{Key(list.Element)}>",
            OptionType option => $"option<{Key(option.Inner)}>",
            ResultType result => $"result<{(result.Ok is null ? "_" : Key(result.Ok))},{(result.Error is null ? "_" : Key(result.Error))}>",
            TupleType tuple => "tuple<" + string.Join(",", tuple.Elements.Select(Key)) + ">",
            HandleType handle => $"{(handle.IsBorrow ? "borrow" : "own")}#{IdOf(handle.Resource)}",
            NamedType named => "#" + IdOf(named.Definition),
            _ => "?",
        };
    }

    private int IdOf(TypeDefinition definition)
    {
        if (!_definitionIds.TryGetValue(definition, out var id)) _definitionIds[definition] = id = _definitionIds.Count;
        return id;
    }
}
