namespace Heron.Instructions;

/// <summary>The layout of an instruction's immediate operands in the binary format.</summary>
internal enum ImmediateKind : byte
{
    None,
    /// <summary>block, loop, if, try: a block type (s33).</summary>
    BlockType,
    /// <summary>br, br_if, br_on_null, br_on_non_null, rethrow, delegate: a label index.</summary>
    Label,
    /// <summary>br_table: a vector of label indices, then the default label.</summary>
    LabelTable,
    /// <summary>call, return_call, ref.func: a function index.</summary>
    Function,
    /// <summary>call_indirect, return_call_indirect: a type index, then a table index.</summary>
    CallIndirect,
    /// <summary>call_ref, struct.new, array.new, ...: a type index.</summary>
    Type,
    Local,
    Global,
    Table,
    /// <summary>memory.size, memory.grow, memory.fill: a memory index.</summary>
    Memory,
    /// <summary>Loads and stores: alignment exponent (bit 6 flags a memory index), optional memory index, offset.</summary>
    MemArg,
    /// <summary>v128.loadN_lane / storeN_lane: a memarg, then a lane index byte.</summary>
    MemArgLane,
    /// <summary>extract_lane / replace_lane: a lane index byte.</summary>
    Lane,
    /// <summary>i8x16.shuffle: sixteen lane index bytes.</summary>
    Shuffle,
    I32,
    I64,
    /// <summary>f32.const: four bytes, little-endian.</summary>
    F32,
    /// <summary>f64.const: eight bytes, little-endian.</summary>
    F64,
    /// <summary>v128.const: sixteen bytes.</summary>
    V128,
    /// <summary>ref.null: a heap type.</summary>
    HeapType,
    /// <summary>ref.test, ref.cast: a heap type (nullability is in the opcode).</summary>
    CastHeapType,
    /// <summary>select with types: a vector of value types.</summary>
    SelectTypes,
    /// <summary>data.drop: a data index.</summary>
    Data,
    /// <summary>elem.drop: an element segment index.</summary>
    Elem,
    /// <summary>memory.init: a data index, then a memory index.</summary>
    DataMemory,
    /// <summary>memory.copy: destination memory index, then source memory index.</summary>
    MemoryPair,
    /// <summary>table.init: an element segment index, then a table index.</summary>
    ElemTable,
    /// <summary>table.copy: destination table index, then source table index.</summary>
    TablePair,
    /// <summary>throw, catch: a tag index.</summary>
    Tag,
    /// <summary>try_table: a block type, then a vector of catch clauses.</summary>
    TryTable,
    /// <summary>struct.get/set: a type index, then a field index.</summary>
    TypeField,
    /// <summary>array.new_fixed: a type index, then an element count.</summary>
    TypeCount,
    /// <summary>array.copy: destination type index, then source type index.</summary>
    TypePair,
    /// <summary>array.new_data, array.init_data: a type index, then a data index.</summary>
    TypeData,
    /// <summary>array.new_elem, array.init_elem: a type index, then an element segment index.</summary>
    TypeElem,
    /// <summary>br_on_cast, br_on_cast_fail: a flags byte, a label, then two heap types.</summary>
    BrOnCast,
    /// <summary>atomic.fence: one reserved byte that must be zero (room for memory orderings).</summary>
    ZeroByte,
}
