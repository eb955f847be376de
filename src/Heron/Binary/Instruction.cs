using Heron.Instructions;

namespace Heron.Binary;

/// <summary>
/// One decoded instruction: its table row, its byte offset in the module, and its immediates. Which
/// fields are set depends on <see cref="OpcodeInfo.Immediate"/>:
/// <list type="bullet">
/// <item>Label, Function, Type, Local, Global, Table, Memory, Data, Elem, Tag, Lane: <see cref="Index"/>.</item>
/// <item>CallIndirect: <see cref="Index"/> type, <see cref="Index2"/> table. DataMemory, ElemTable, TypeField,
/// TypeCount, TypeData, TypeElem: <see cref="Index"/>, <see cref="Index2"/>. MemoryPair, TablePair, TypePair:
/// <see cref="Index"/> destination, <see cref="Index2"/> source.</item>
/// <item>MemArg: <see cref="Index"/> memory, <see cref="Align"/> (exponent), <see cref="MemoryOffset"/>;
/// MemArgLane adds the lane in <see cref="Index2"/>.</item>
/// <item>I32, I64: <see cref="Value"/>; F32, F64: the bits in <see cref="Value"/>; V128 and Shuffle:
/// <see cref="V128Low"/>, <see cref="V128High"/> (little-endian lanes).</item>
/// <item>BlockType, TryTable: <see cref="Block"/>; LabelTable: <see cref="Labels"/> (the default last);
/// SelectTypes: <see cref="Types"/>; TryTable: <see cref="Catches"/>.</item>
/// <item>HeapType, CastHeapType: <see cref="Heap"/>; BrOnCast: <see cref="Index"/> label, <see cref="Flags"/>,
/// <see cref="Heap"/> source and <see cref="Heap2"/> target.</item>
/// </list>
/// </summary>
internal struct Instruction
{
    public OpcodeInfo Info;
    public int Offset;
    public uint Index;
    public uint Index2;
    public uint Align;
    public ulong MemoryOffset;
    public long Value;
    public ulong V128Low;
    public ulong V128High;
    public BlockType Block;
    public int[]? Labels;
    public ValueType[]? Types;
    public CatchClause[]? Catches;
    public HeapType Heap;
    public HeapType Heap2;
    public byte Flags;

    public readonly Opcode Opcode => Info.Opcode;

    public override readonly string ToString() => Info.Name;
}
