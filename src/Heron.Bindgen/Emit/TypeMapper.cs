using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

/// <summary>The C# shape of each WIT type (see docs/bindings.md for the table).</summary>
internal sealed class TypeMapper(WorldPlan plan)
{
    public bool UsesOption { get; private set; }
    public bool UsesResult { get; private set; }

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
}
