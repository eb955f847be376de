namespace Heron.Model;

/// <summary>
/// The immutable description of one module, as decoded from its binary format. Index spaces follow the
/// specification: imported functions, tables, memories, globals and tags come first, then defined ones.
/// Function bodies and constant expressions are <see cref="ByteRange"/>s into <see cref="Bytes"/>: a
/// constant expression's range (global and table initialisers, segment offsets and element items) covers
/// its instructions including the final <c>end</c>, as does <see cref="FunctionBody.Code"/>. Decoded by
/// <c>Binary.ModuleDecoder</c>, which delimits bodies without decoding their instructions (the validator
/// does that once, while typing them), and written back by <c>Binary.ModuleEncoder</c>.
/// </summary>
internal sealed class WasmModule
{
    /// <summary>The binary encoding the module was decoded from.</summary>
    public required byte[] Bytes { get; init; }

    public TypeDefinition[] Types { get; init; } = [];

    public Import[] Imports { get; init; } = [];

    /// <summary>Type index of each function defined by the module (imports not included).</summary>
    public int[] FunctionTypeIndices { get; init; } = [];

    public TableDefinition[] Tables { get; init; } = [];

    public MemoryType[] Memories { get; init; } = NoItems<MemoryType>.Array;

    /// <summary>Type index of each tag defined by the module.</summary>
    public int[] Tags { get; init; } = [];

    public GlobalDefinition[] Globals { get; init; } = [];

    public Export[] Exports { get; init; } = [];

    public int? Start { get; init; }

    public ElementSegment[] Elements { get; init; } = [];

    /// <summary>The data count section's value, when present.</summary>
    public int? DataCount { get; init; }

    public FunctionBody[] Bodies { get; init; } = [];

    public DataSegment[] Data { get; init; } = [];

    public CustomSection[] CustomSections { get; init; } = [];

    public NameSection Names { get; init; } = new();

    // Index-space counts, derived once from the imports.
    public int ImportedFunctionCount { get; init; }
    public int ImportedTableCount { get; init; }
    public int ImportedMemoryCount { get; init; }
    public int ImportedGlobalCount { get; init; }
    public int ImportedTagCount { get; init; }

    public int FunctionCount => ImportedFunctionCount + FunctionTypeIndices.Length;
    public int TableCount => ImportedTableCount + Tables.Length;
    public int MemoryCount => ImportedMemoryCount + Memories.Length;
    public int GlobalCount => ImportedGlobalCount + Globals.Length;
    public int TagCount => ImportedTagCount + Tags.Length;

    /// <summary>The type index of function <paramref name="functionIndex"/> in the whole index space.</summary>
    public int FunctionTypeIndex(int functionIndex) =>
        functionIndex < ImportedFunctionCount
            ? ImportAt(ExternKind.Function, functionIndex).TypeIndex
            : FunctionTypeIndices[functionIndex - ImportedFunctionCount];

    public FunctionType FunctionTypeOf(int functionIndex) => Types[FunctionTypeIndex(functionIndex)].FunctionType;

    /// <summary>The types of defined function <paramref name="functionIndex"/>'s locals, its parameters first.</summary>
    public ValueType[] LocalTypesOf(int functionIndex)
    {
        // Arrays, not List<ValueType>: the framework's List over a Heron struct is JIT-compiled at every start.
        var parameters = FunctionTypeOf(functionIndex).ParameterArray;
        var runs = Bodies[functionIndex - ImportedFunctionCount].Locals;
        long declared = 0;
        foreach (var run in runs) declared += run.Count;
        var types = new ValueType[parameters.Length + declared];
        parameters.CopyTo(types, 0);
        int next = parameters.Length;
        foreach (var run in runs)
            for (uint i = 0; i < run.Count; i++) types[next++] = run.Type;
        return types;
    }

    public TableType TableTypeOf(int tableIndex) =>
        tableIndex < ImportedTableCount ? ImportAt(ExternKind.Table, tableIndex).Table : Tables[tableIndex - ImportedTableCount].Type;

    public MemoryType MemoryTypeOf(int memoryIndex) =>
        memoryIndex < ImportedMemoryCount ? ImportAt(ExternKind.Memory, memoryIndex).Memory : Memories[memoryIndex - ImportedMemoryCount];

    public GlobalType GlobalTypeOf(int globalIndex) =>
        globalIndex < ImportedGlobalCount ? ImportAt(ExternKind.Global, globalIndex).Global : Globals[globalIndex - ImportedGlobalCount].Type;

    public int TagTypeIndex(int tagIndex) =>
        tagIndex < ImportedTagCount ? ImportAt(ExternKind.Tag, tagIndex).TypeIndex : Tags[tagIndex - ImportedTagCount];

    /// <summary>The <paramref name="n"/>-th import of the given kind.</summary>
    public Import ImportAt(ExternKind kind, int n) => ImportsByKind[(int)kind][n];

    private Import[][]? importsByKind;

    // Built on first use: lookups by kind happen per call instruction during validation and compilation.
    private Import[][] ImportsByKind => importsByKind ??= BuildImportsByKind();

    private Import[][] BuildImportsByKind()
    {
        var byKind = new Import[5][];
        for (int kind = 0; kind < byKind.Length; kind++)
            byKind[kind] = Array.FindAll(Imports, import => (int)import.Kind == kind);
        return byKind;
    }

    /// <summary>The name of a function from the name section, or its export name, or null.</summary>
    public string? FunctionName(int functionIndex)
    {
        if (Names.FunctionNames.TryGetValue(functionIndex, out var name)) return name;
        foreach (var export in Exports)
            if (export.Kind == ExternKind.Function && export.Index == functionIndex) return export.Name;
        return null;
    }
}
