using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Everything about a module that validating its bodies looks up, flattened once into arrays indexed by the
/// index spaces (imports first). Read-only after construction, so function validators on several threads share it.
/// </summary>
internal sealed class ValidationContext
{
    private static readonly ValueType[] NoTypes = NoItems<ValueType>.Array;

    public ValidationContext(WasmModule module, WasmFeatures features, bool[] referencedFunctions)
    {
        Module = module;
        Features = features;
        ReferencedFunctions = referencedFunctions;
        var types = module.Types;
        TypeParams = new ValueType[types.Length][];
        TypeResults = new ValueType[types.Length][];
        for (int i = 0; i < types.Length; i++)
        {
            if (types[i].Function is { } function)
            {
                TypeParams[i] = ToArray(function.Parameters);
                TypeResults[i] = ToArray(function.Results);
            }
        }

        FunctionTypes = new int[module.FunctionCount];
        TableTypes = new TableType[module.TableCount];
        MemoryTypes = new MemoryType[module.MemoryCount];
        GlobalTypes = new GlobalType[module.GlobalCount];
        TagTypes = new int[module.TagCount];
        int functions = 0, tables = 0, memories = 0, globals = 0, tags = 0;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function: FunctionTypes[functions++] = import.TypeIndex; break;
                case ExternKind.Table: TableTypes[tables++] = import.Table; break;
                case ExternKind.Memory: MemoryTypes[memories++] = import.Memory; break;
                case ExternKind.Global: GlobalTypes[globals++] = import.Global; break;
                case ExternKind.Tag: TagTypes[tags++] = import.TypeIndex; break;
            }
        }
        foreach (var typeIndex in module.FunctionTypeIndices) FunctionTypes[functions++] = typeIndex;
        foreach (var table in module.Tables) TableTypes[tables++] = table.Type;
        foreach (var memory in module.Memories) MemoryTypes[memories++] = memory;
        foreach (var global in module.Globals) GlobalTypes[globals++] = global.Type;
        foreach (var tag in module.Tags) TagTypes[tags++] = tag;

        ElementTypes = new ValueType[module.Elements.Length];
        for (int i = 0; i < ElementTypes.Length; i++) ElementTypes[i] = module.Elements[i].ElementType;
        Subtyping = new Subtyping(types);
    }

    public WasmModule Module { get; }

    public WasmFeatures Features { get; }

    /// <summary>Functions that <c>ref.func</c> may name in a body (the spec's C.refs).</summary>
    public bool[] ReferencedFunctions { get; }

    /// <summary>Parameter types per type index; null for GC struct and array types.</summary>
    public ValueType[]?[] TypeParams { get; }

    public ValueType[]?[] TypeResults { get; }

    /// <summary>Type index of every function, imports first.</summary>
    public int[] FunctionTypes { get; }

    public TableType[] TableTypes { get; }

    public MemoryType[] MemoryTypes { get; }

    public GlobalType[] GlobalTypes { get; }

    public int[] TagTypes { get; }

    public ValueType[] ElementTypes { get; }

    public Subtyping Subtyping { get; }

    /// <summary>Number of data segments instructions may name: the data count section's value.</summary>
    public int DataCount => Module.DataCount ?? Module.Data.Length;

    public bool Has(WasmFeatures feature) => (Features & feature) == feature;

    private static ValueType[] ToArray(IReadOnlyList<ValueType> list)
    {
        if (list.Count == 0) return NoTypes;
        var array = new ValueType[list.Count];
        for (int i = 0; i < array.Length; i++) array[i] = list[i];
        return array;
    }
}
