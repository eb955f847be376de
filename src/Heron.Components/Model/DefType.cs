namespace Heron.Components.Model;

/// <summary>
/// The right-hand side of a <c>type</c> definition or declarator: a defined value type, a function type, a
/// component or instance type, or a resource type. <see cref="Offset"/> is where it starts in the binary.
/// </summary>
internal abstract record DefType(int Offset);

/// <summary>A primitive value type defined as a type of its own: <c>(type string)</c>.</summary>
internal sealed record PrimitiveDef(int Offset, PrimitiveValType Type) : DefType(Offset);

/// <summary>A labelled value type: a record field or a function parameter.</summary>
internal sealed record LabeledValType(string Label, ValType Type);

/// <summary>A variant case, with an optional payload.</summary>
internal sealed record VariantCaseDef(string Label, ValType? Type);

internal sealed record RecordDef(int Offset, IReadOnlyList<LabeledValType> Fields) : DefType(Offset);

internal sealed record VariantDef(int Offset, IReadOnlyList<VariantCaseDef> Cases) : DefType(Offset);

/// <summary><c>(list t)</c>, or with <see cref="FixedLength"/> the fixed-length list <c>(list t n)</c>.</summary>
internal sealed record ListDef(int Offset, ValType Element, int? FixedLength) : DefType(Offset);

internal sealed record TupleDef(int Offset, IReadOnlyList<ValType> Types) : DefType(Offset);

internal sealed record FlagsDef(int Offset, IReadOnlyList<string> Labels) : DefType(Offset);

internal sealed record EnumDef(int Offset, IReadOnlyList<string> Labels) : DefType(Offset);

internal sealed record OptionDef(int Offset, ValType Type) : DefType(Offset);

internal sealed record ResultDef(int Offset, ValType? Ok, ValType? Error) : DefType(Offset);

/// <summary><c>(own i)</c>: an owned handle to the resource type at <see cref="TypeIndex"/>.</summary>
internal sealed record OwnDef(int Offset, int TypeIndex) : DefType(Offset);

/// <summary><c>(borrow i)</c>: a borrowed handle to the resource type at <see cref="TypeIndex"/>.</summary>
internal sealed record BorrowDef(int Offset, int TypeIndex) : DefType(Offset);

/// <summary><c>(stream t?)</c> of the async ABI: decoded, refused by validation.</summary>
internal sealed record StreamDef(int Offset, ValType? Element) : DefType(Offset);

/// <summary><c>(future t?)</c> of the async ABI: decoded, refused by validation.</summary>
internal sealed record FutureDef(int Offset, ValType? Element) : DefType(Offset);

/// <summary><c>(map k v)</c>, a gated feature: decoded, refused by validation.</summary>
internal sealed record MapDef(int Offset, ValType Key, ValType Value) : DefType(Offset);

/// <summary>A function type; <see cref="Result"/> is null for a function without a result.</summary>
internal sealed record FuncTypeDef(int Offset, bool Async, IReadOnlyList<LabeledValType> Params, ValType? Result) : DefType(Offset);

/// <summary>A component type: the declarators of its imports, exports and the types they use.</summary>
internal sealed record ComponentTypeDef(int Offset, IReadOnlyList<Declaration> Declarations) : DefType(Offset);

/// <summary>An instance type: the declarators of its exports and the types they use.</summary>
internal sealed record InstanceTypeDef(int Offset, IReadOnlyList<Declaration> Declarations) : DefType(Offset);

/// <summary>
/// <c>(resource (rep t) (dtor f)?)</c>: a fresh resource type whose representation is the core value type
/// <see cref="Representation"/> (only i32 is valid) and whose destructor is an optional core function.
/// </summary>
internal sealed record ResourceDef(int Offset, ValueType Representation, int? Destructor) : DefType(Offset);
