using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>Resolves type definitions against a scope's runtime index spaces into the resolved type model.</summary>
internal static class RuntimeTypes
{
    public static PrimitiveKind Kind(PrimitiveValType type) => type switch
    {
        PrimitiveValType.Bool => PrimitiveKind.Bool,
        PrimitiveValType.S8 => PrimitiveKind.S8,
        PrimitiveValType.U8 => PrimitiveKind.U8,
        PrimitiveValType.S16 => PrimitiveKind.S16,
        PrimitiveValType.U16 => PrimitiveKind.U16,
        PrimitiveValType.S32 => PrimitiveKind.S32,
        PrimitiveValType.U32 => PrimitiveKind.U32,
        PrimitiveValType.S64 => PrimitiveKind.S64,
        PrimitiveValType.U64 => PrimitiveKind.U64,
        PrimitiveValType.F32 => PrimitiveKind.F32,
        PrimitiveValType.F64 => PrimitiveKind.F64,
        PrimitiveValType.Char => PrimitiveKind.Char,
        PrimitiveValType.String => PrimitiveKind.String,
        _ => PrimitiveKind.ErrorContext,
    };

    /// <summary>
    /// The resolved type of a definition. Resource definitions are not handled here: each instantiation
    /// makes its own (see the instantiator).
    /// </summary>
    public static ComponentDefinedType Resolve(DefType type, IndexSpaces scope) => type switch
    {
        PrimitiveDef p => PrimitiveType.Of(Kind(p.Type)),
        RecordDef r => new RecordType(r.Fields.Select(f => new LabeledType(f.Label, scope.ValueType(f.Type))).ToArray()),
        VariantDef v => new VariantType(v.Cases.Select(c => new Heron.Components.VariantCase(c.Label, c.Type is { } t ? scope.ValueType(t) : null)).ToArray()),
        ListDef l => new ListType(scope.ValueType(l.Element), l.FixedLength is { } n ? (uint)n : null),
        MapDef m => ListType.Map(scope.ValueType(m.Key), scope.ValueType(m.Value)),
        TupleDef t => new TupleType(t.Types.Select(scope.ValueType).ToArray()),
        FlagsDef f => new FlagsType(f.Labels),
        EnumDef e => new EnumType(e.Labels),
        OptionDef o => new OptionType(scope.ValueType(o.Type)),
        ResultDef r => new ResultType(r.Ok is { } ok ? scope.ValueType(ok) : null, r.Error is { } error ? scope.ValueType(error) : null),
        OwnDef own => new HandleType(scope.Get<ResourceType>(Sort.Type, own.TypeIndex), isBorrow: false),
        BorrowDef borrow => new HandleType(scope.Get<ResourceType>(Sort.Type, borrow.TypeIndex), isBorrow: true),
        FuncTypeDef f => new ComponentFunctionType(
            f.Params.Select(p => new LabeledType(p.Label, scope.ValueType(p.Type))).ToArray(),
            f.Result is { } result ? scope.ValueType(result) : null,
            f.Async),
        InstanceTypeDef i => new DeclaredInstanceType(i, scope),
        ComponentTypeDef c => new DeclaredComponentType(c, scope),
        _ => throw new UnsupportedFeatureException($"{type.GetType().Name.Replace("Def", "").ToLowerInvariant()} types"),
    };
}
