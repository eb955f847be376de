using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// The mutable state of one decode: each section reader fills its part, then <see cref="Build"/> makes the
/// immutable <see cref="WasmModule"/>. Kept apart from the model so the model can stay init-only.
/// </summary>
internal sealed class ModuleBuilder(byte[] bytes, WasmFeatures features)
{
    public byte[] Bytes { get; } = bytes;

    public WasmFeatures Features { get; } = features;

    public TypeDefinition[] Types = [];
    public Import[] Imports = [];
    public int[] FunctionTypeIndices = [];
    public TableDefinition[] Tables = [];
    public MemoryType[] Memories = NoItems<MemoryType>.Array;
    public int[] Tags = [];
    public GlobalDefinition[] Globals = [];
    public Export[] Exports = [];
    public int? Start;
    public ElementSegment[] Elements = [];
    public int? DataCount;
    public FunctionBody[] Bodies = [];
    public bool HasCodeSection;
    public DataSegment[] Data = [];
    public List<CustomSection> CustomSections = [];
    public NameSection? Names;

    public int ImportedFunctionCount;
    public int ImportedTableCount;
    public int ImportedMemoryCount;
    public int ImportedGlobalCount;
    public int ImportedTagCount;

    public bool Has(WasmFeatures feature) => (Features & feature) != 0;

    public WasmModule Build() => new()
    {
        Bytes = Bytes,
        Types = Types,
        Imports = Imports,
        FunctionTypeIndices = FunctionTypeIndices,
        Tables = Tables,
        Memories = Memories,
        Tags = Tags,
        Globals = Globals,
        Exports = Exports,
        Start = Start,
        Elements = Elements,
        DataCount = DataCount,
        Bodies = Bodies,
        Data = Data,
        CustomSections = CustomSections.ToArray(),
        Names = Names ?? new NameSection(),
        ImportedFunctionCount = ImportedFunctionCount,
        ImportedTableCount = ImportedTableCount,
        ImportedMemoryCount = ImportedMemoryCount,
        ImportedGlobalCount = ImportedGlobalCount,
        ImportedTagCount = ImportedTagCount,
    };
}
