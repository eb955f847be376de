using Heron.Model;

namespace Heron.Components.Model;

/// <summary>
/// <c>(core module ...)</c>: the module's bytes as embedded, and the module as Heron's core decoder read it
/// (decoding happens with the component so a malformed module makes the component malformed).
/// </summary>
internal sealed record CoreModuleDefinition(int Offset, ReadOnlyMemory<byte> Bytes, WasmModule Module) : ComponentDefinition(Offset);

/// <summary><c>(core instance ...)</c>.</summary>
internal sealed record CoreInstanceDefinition(int Offset, CoreInstanceExpr Expression) : ComponentDefinition(Offset);

internal abstract record CoreInstanceExpr;

/// <summary><c>(instantiate m (with name (instance i))*)</c>.</summary>
internal sealed record CoreInstantiate(int ModuleIndex, IReadOnlyList<CoreInstantiateArg> Args) : CoreInstanceExpr;

internal sealed record CoreInstantiateArg(string Name, int InstanceIndex);

/// <summary>A core instance made of core items already in scope: <c>(export name (sort idx))*</c>.</summary>
internal sealed record CoreInlineExports(IReadOnlyList<CoreInlineExport> Exports) : CoreInstanceExpr;

internal sealed record CoreInlineExport(string Name, SortIndex Item);

/// <summary><c>(core type ...)</c> at component level.</summary>
internal sealed record CoreTypeDefinition(int Offset, CoreDefType Type) : ComponentDefinition(Offset);

/// <summary>A core type as components define them: a core recursion group, or a module type.</summary>
internal abstract record CoreDefType(int Offset);

/// <summary>
/// One or more core types (a <c>rec</c> group, or a single function/struct/array/sub type), read with Heron's
/// core type reader. Indices inside are relative to the core type index space of the enclosing scope.
/// </summary>
internal sealed record CoreRecGroup(int Offset, IReadOnlyList<TypeDefinition> Types) : CoreDefType(Offset);

/// <summary><c>(module ...)</c> type: the imports and exports a core module must have.</summary>
internal sealed record CoreModuleTypeDef(int Offset, IReadOnlyList<CoreModuleDeclaration> Declarations) : CoreDefType(Offset);

internal abstract record CoreModuleDeclaration(int Offset);

internal sealed record CoreImportDeclaration(int Offset, string Module, string Name, CoreExternDesc Desc) : CoreModuleDeclaration(Offset);

internal sealed record CoreTypeInModuleDeclaration(int Offset, CoreDefType Type) : CoreModuleDeclaration(Offset);

/// <summary><c>(alias outer ct idx (type))</c> inside a module type.</summary>
internal sealed record CoreOuterAliasDeclaration(int Offset, int Count, int Index) : CoreModuleDeclaration(Offset);

internal sealed record CoreExportDeclaration(int Offset, string Name, CoreExternDesc Desc) : CoreModuleDeclaration(Offset);

/// <summary>
/// A core <c>externtype</c>: a function or tag (<see cref="TypeIndex"/>), a table, a memory or a global.
/// Only the field matching <see cref="Kind"/> is meaningful.
/// </summary>
internal sealed record CoreExternDesc(ExternKind Kind)
{
    public int TypeIndex { get; init; } = -1;

    public TableType Table { get; init; }

    public MemoryType Memory { get; init; }

    public GlobalType Global { get; init; }
}
