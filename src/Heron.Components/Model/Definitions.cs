namespace Heron.Components.Model;

/// <summary><c>(component ...)</c> nested in a component.</summary>
internal sealed record NestedComponentDefinition(int Offset, ComponentAst Component) : ComponentDefinition(Offset);

/// <summary><c>(instance ...)</c>.</summary>
internal sealed record InstanceDefinition(int Offset, InstanceExpr Expression) : ComponentDefinition(Offset);

internal abstract record InstanceExpr;

/// <summary><c>(instantiate c (with name (sort idx))*)</c>.</summary>
internal sealed record Instantiate(int ComponentIndex, IReadOnlyList<InstantiateArg> Args) : InstanceExpr;

internal sealed record InstantiateArg(string Name, SortIndex Item);

/// <summary>An instance made of items already in scope: <c>(export name (sort idx))*</c>.</summary>
internal sealed record InlineExports(IReadOnlyList<InlineExport> Exports) : InstanceExpr;

internal sealed record InlineExport(ExternName Name, SortIndex Item);

/// <summary><c>(alias ...)</c>: adds one entry to the index space of <see cref="Sort"/>.</summary>
internal sealed record AliasDefinition(int Offset, Sort Sort, AliasTarget Target) : ComponentDefinition(Offset);

internal abstract record AliasTarget;

/// <summary><c>(alias export i name)</c>: an export of a component instance.</summary>
internal sealed record ExportAlias(int InstanceIndex, string Name) : AliasTarget;

/// <summary><c>(alias core export i name)</c>: an export of a core instance.</summary>
internal sealed record CoreExportAlias(int CoreInstanceIndex, string Name) : AliasTarget;

/// <summary><c>(alias outer ct idx)</c>: entry <see cref="Index"/> of the scope <see cref="Count"/> levels out.</summary>
internal sealed record OuterAlias(int Count, int Index) : AliasTarget;

/// <summary><c>(type ...)</c> at component level.</summary>
internal sealed record DefTypeDefinition(int Offset, DefType Type) : ComponentDefinition(Offset);

/// <summary><c>(start f (value arg)* (result (value))ʳ)</c>, a gated (🪙) feature.</summary>
internal sealed record StartDefinition(int Offset, int FuncIndex, IReadOnlyList<int> Args, int ResultCount) : ComponentDefinition(Offset);

/// <summary><c>(import name externtype)</c>.</summary>
internal sealed record ImportDefinition(int Offset, ExternName Name, ExternDesc Desc) : ComponentDefinition(Offset);

/// <summary><c>(export name (sort idx) externtype?)</c>: also adds an entry aliasing the item to its index space.</summary>
internal sealed record ExportDefinition(int Offset, ExternName Name, SortIndex Item, ExternDesc? Ascribed) : ComponentDefinition(Offset);

/// <summary>
/// <c>(value t v)</c>, a gated (🪙) feature: its type and its encoded bytes, which depend on the type and
/// are read only when values are supported.
/// </summary>
internal sealed record ValueDefinition(int Offset, ValType Type, ReadOnlyMemory<byte> Bytes) : ComponentDefinition(Offset);
