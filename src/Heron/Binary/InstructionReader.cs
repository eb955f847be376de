using Heron.Instructions;

namespace Heron.Binary;

/// <summary>
/// Decodes instructions one at a time from a function body or constant expression, driven by the
/// opcode table. It checks encodings only (unknown opcodes, truncated immediates, LEB128 limits);
/// typing is the validator's job. It allocates only for br_table, typed select and try_table, and only
/// after checking that the input really holds the claimed number of items.
/// </summary>
internal ref struct InstructionReader
{
    private WasmReader reader;
    private readonly bool multiMemory;

    /// <summary>
    /// <paramref name="features"/> decides the encodings that differ between versions: without multiple
    /// memories (2.0) a memory index is a single zero byte and a memarg's alignment exponent stays below 32.
    /// </summary>
    public InstructionReader(ReadOnlySpan<byte> moduleBytes, int start, int end, WasmFeatures features = WasmFeatures.Wasm3)
    {
        reader = new WasmReader(moduleBytes, start, end);
        multiMemory = (features & WasmFeatures.MultiMemory) != 0;
    }

    public readonly int Position => reader.Position;

    public readonly bool AtEnd => reader.AtEnd;

    public readonly DecodeException Error(string message) => reader.Error(message);

    // No AggressiveOptimization here (see FunctionValidator.Run).
    public Instruction Read()
    {
        var offset = reader.Position;
        var first = reader.ReadByte();
        OpcodeInfo? info;
        if (OpcodeTable.IsPrefix(first))
        {
            var sub = reader.ReadU32();
            info = OpcodeTable.FromPrefixed(first, sub);
        }
        else
        {
            info = OpcodeTable.FromByte(first);
        }
        if (info == null) throw reader.Error("illegal opcode", offset);

        var instruction = new Instruction { Info = info, Offset = offset };
        ReadImmediates(ref instruction);
        return instruction;
    }

    private void ReadImmediates(ref Instruction instruction)
    {
        switch (instruction.Info.Immediate)
        {
            case ImmediateKind.None:
                break;
            case ImmediateKind.BlockType:
                instruction.Block = ReadBlockType();
                break;
            case ImmediateKind.Label:
            case ImmediateKind.Function:
            case ImmediateKind.Type:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
            case ImmediateKind.Tag:
                instruction.Index = reader.ReadU32();
                break;
            case ImmediateKind.Memory:
                instruction.Index = ReadMemoryIndex();
                break;
            case ImmediateKind.MemoryPair:
                instruction.Index = ReadMemoryIndex();
                instruction.Index2 = ReadMemoryIndex();
                break;
            case ImmediateKind.DataMemory:
                instruction.Index = reader.ReadU32();
                instruction.Index2 = ReadMemoryIndex();
                break;
            case ImmediateKind.LabelTable:
            {
                var count = reader.ReadVectorLength();
                var labels = new int[count + 1];
                for (int i = 0; i <= count; i++) labels[i] = (int)Math.Min(reader.ReadU32(), int.MaxValue);
                instruction.Labels = labels;
                break;
            }
            case ImmediateKind.CallIndirect:
            case ImmediateKind.ElemTable:
            case ImmediateKind.TablePair:
            case ImmediateKind.TypeField:
            case ImmediateKind.TypeCount:
            case ImmediateKind.TypePair:
            case ImmediateKind.TypeData:
            case ImmediateKind.TypeElem:
                instruction.Index = reader.ReadU32();
                instruction.Index2 = reader.ReadU32();
                break;
            case ImmediateKind.MemArg:
                ReadMemArg(ref instruction);
                break;
            case ImmediateKind.MemArgLane:
                ReadMemArg(ref instruction);
                instruction.Index2 = reader.ReadByte();
                break;
            case ImmediateKind.Lane:
                instruction.Index = reader.ReadByte();
                break;
            case ImmediateKind.Shuffle:
            case ImmediateKind.V128:
            {
                var lanes = reader.ReadBytes(16);
                instruction.V128Low = BitConverter.ToUInt64(lanes[..8]);
                instruction.V128High = BitConverter.ToUInt64(lanes[8..]);
                break;
            }
            case ImmediateKind.I32:
                instruction.Value = reader.ReadS32();
                break;
            case ImmediateKind.I64:
                instruction.Value = reader.ReadS64();
                break;
            case ImmediateKind.F32:
                instruction.Value = reader.ReadF32Bits();
                break;
            case ImmediateKind.F64:
                instruction.Value = (long)reader.ReadF64Bits();
                break;
            case ImmediateKind.HeapType:
            case ImmediateKind.CastHeapType:
                instruction.Heap = reader.ReadHeapType();
                break;
            case ImmediateKind.SelectTypes:
            {
                var count = reader.ReadVectorLength();
                var types = new ValueType[count];
                for (int i = 0; i < count; i++) types[i] = reader.ReadValueType();
                instruction.Types = types;
                break;
            }
            case ImmediateKind.TryTable:
            {
                instruction.Block = ReadBlockType();
                var count = reader.ReadVectorLength(2);
                var catches = new CatchClause[count];
                for (int i = 0; i < count; i++)
                {
                    var kindOffset = reader.Position;
                    var kind = reader.ReadByte();
                    if (kind > 3) throw reader.Error("malformed catch clause", kindOffset);
                    var tag = kind < 2 ? (int)Math.Min(reader.ReadU32(), int.MaxValue) : -1;
                    var label = (int)Math.Min(reader.ReadU32(), int.MaxValue);
                    catches[i] = new CatchClause(kind, tag, label);
                }
                instruction.Catches = catches;
                break;
            }
            case ImmediateKind.BrOnCast:
            {
                var flagsOffset = reader.Position;
                instruction.Flags = reader.ReadByte();
                if (instruction.Flags > 3) throw reader.Error("malformed br_on_cast flags", flagsOffset);
                instruction.Index = reader.ReadU32();
                instruction.Heap = reader.ReadHeapType();
                instruction.Heap2 = reader.ReadHeapType();
                break;
            }
            case ImmediateKind.ZeroByte:
            {
                var at = reader.Position;
                if (reader.ReadByte() != 0) throw reader.Error("malformed atomic fence: its reserved byte must be zero", at);
                break;
            }
            default:
                throw new InvalidOperationException($"No reader for immediate kind {instruction.Info.Immediate}.");
        }
    }

    private void ReadMemArg(ref Instruction instruction)
    {
        var alignOffset = reader.Position;
        var flags = reader.ReadU32();
        // Bit 6 of the alignment field announces an explicit memory index (multi-memory); the exponent
        // itself must stay below 64.
        if (!multiMemory)
        {
            if (flags >= 32) throw reader.Error("malformed memop flags", alignOffset);
        }
        else if ((flags & 0x40) != 0)
        {
            flags &= ~0x40u;
            instruction.Index = reader.ReadU32();
        }
        if (flags >= 64) throw reader.Error("malformed memop flags", alignOffset);
        instruction.Align = flags;
        instruction.MemoryOffset = reader.ReadU64();
    }

    private uint ReadMemoryIndex()
    {
        if (multiMemory) return reader.ReadU32();
        // 2.0 reserves a byte for the memory index, and only the byte 0x00 (not a longer zero LEB128).
        var offset = reader.Position;
        if (reader.ReadByte() != 0) throw reader.Error("zero byte expected", offset);
        return 0;
    }

    private BlockType ReadBlockType()
    {
        var start = reader.Position;
        var first = reader.PeekByte();
        if (first == 0x40)
        {
            reader.Position++;
            return BlockType.Empty;
        }
        // A value type starts with a one-byte code whose s33 reading is negative; a type index is non-negative.
        if ((first & 0xC0) == 0x40 || first == 0x63 || first == 0x64)
            return new BlockType(reader.ReadValueType(), -1);
        var index = reader.ReadS33();
        if (index < 0 || index > int.MaxValue) throw reader.Error("malformed block type", start);
        return new BlockType(null, (int)index);
    }
}
