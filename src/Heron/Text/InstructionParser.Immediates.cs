using System.Numerics;
using Heron.Instructions;

namespace Heron.Text;

/// <summary>Immediate operands, one case per <see cref="ImmediateKind"/> of the opcode table.</summary>
internal sealed partial class InstructionParser
{
    private bool AtIndex => r.Current.Kind == TokenKind.Id || r.AtNat;

    private void WriteInstruction(ByteWriter w, OpcodeInfo info, Token opToken)
    {
        switch (info.Immediate)
        {
            case ImmediateKind.None when info.Opcode == Opcode.Select:
                if (r.AtForm("result"))
                {
                    var types = new List<byte[]>();
                    while (r.TryForm("result"))
                    {
                        while (!r.AtRightParen) types.Add(module.ParseValueType());
                        r.ExpectRightParen();
                    }
                    WriteOpcode(w, Opcode.SelectTyped);
                    w.U32((uint)types.Count);
                    foreach (var t in types) w.Bytes(t);
                }
                else WriteOpcode(w, Opcode.Select);
                return;
            case ImmediateKind.None:
                WriteOpcode(w, info.Opcode);
                return;
            case ImmediateKind.Label:
                WriteOpcode(w, info.Opcode);
                w.U32(Label());
                return;
            case ImmediateKind.LabelTable:
            {
                var targets = new List<uint>();
                while (AtIndex) targets.Add(Label());
                if (targets.Count == 0) throw r.Unexpected();
                WriteOpcode(w, info.Opcode);
                w.U32((uint)targets.Count - 1);
                foreach (var t in targets) w.U32(t);
                return;
            }
            case ImmediateKind.Function:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Funcs.Resolve(r));
                return;
            case ImmediateKind.CallIndirect:
            {
                var table = AtIndex ? module.Tables.Resolve(r) : 0;
                var type = module.ParseTypeUse(null, out _, allowNames: false);
                WriteOpcode(w, info.Opcode);
                w.U32(type);
                w.U32(table);
                return;
            }
            case ImmediateKind.Type:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Types.Resolve(r));
                return;
            case ImmediateKind.Local:
                WriteOpcode(w, info.Opcode);
                w.U32(ResolveLocal());
                return;
            case ImmediateKind.Global:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Globals.Resolve(r));
                return;
            case ImmediateKind.Table:
                WriteOpcode(w, info.Opcode);
                w.U32(AtIndex ? module.Tables.Resolve(r) : 0);
                return;
            case ImmediateKind.Memory:
                WriteOpcode(w, info.Opcode);
                w.U32(AtIndex ? module.Memories.Resolve(r) : 0);
                return;
            case ImmediateKind.MemArg:
                WriteMemArg(w, info);
                return;
            case ImmediateKind.MemArgLane:
                WriteMemArg(w, info);
                w.Byte(LaneIndex());
                return;
            case ImmediateKind.Lane:
                WriteOpcode(w, info.Opcode);
                w.Byte(LaneIndex());
                return;
            case ImmediateKind.Shuffle:
            {
                WriteOpcode(w, info.Opcode);
                for (var i = 0; i < 16; i++)
                {
                    if (r.Current.Kind != TokenKind.Number) throw r.Error(r.Current, "invalid lane length");
                    w.Byte(LaneIndex());
                }
                if (r.Current.Kind == TokenKind.Number) throw r.Error(r.Current, "invalid lane length");
                return;
            }
            case ImmediateKind.I32:
                WriteOpcode(w, info.Opcode);
                w.S32((int)Literals.ReadInt(r, 32));
                return;
            case ImmediateKind.I64:
                WriteOpcode(w, info.Opcode);
                w.S64((long)Literals.ReadInt(r, 64));
                return;
            case ImmediateKind.F32:
                WriteOpcode(w, info.Opcode);
                w.UInt32LittleEndian(Literals.ReadF32(r));
                return;
            case ImmediateKind.F64:
                WriteOpcode(w, info.Opcode);
                w.UInt64LittleEndian(Literals.ReadF64(r));
                return;
            case ImmediateKind.V128:
                WriteOpcode(w, info.Opcode);
                w.Bytes(Literals.ReadV128(r));
                return;
            case ImmediateKind.HeapType:
                WriteOpcode(w, info.Opcode);
                w.Bytes(module.ParseHeapType());
                return;
            case ImmediateKind.CastHeapType:
            {
                module.ParseRefType(out var nullable, out var heap);
                // The table's first row under this name is the non-null variant; the nullable one follows it.
                WriteOpcode(w, nullable ? info.Opcode + 1 : info.Opcode);
                w.Bytes(heap);
                return;
            }
            case ImmediateKind.SelectTypes:
                throw r.Error(opToken, "unknown operator");
            case ImmediateKind.Data:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Datas.Resolve(r));
                module.UsesDataCount = true;
                return;
            case ImmediateKind.Elem:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Elems.Resolve(r));
                return;
            case ImmediateKind.Tag:
                WriteOpcode(w, info.Opcode);
                w.U32(module.Tags.Resolve(r));
                return;
            case ImmediateKind.DataMemory:
            {
                // memory.init memidx? dataidx: with two indices the first is the memory.
                uint memory = 0;
                if (IsIndexToken(r.Peek()) && AtIndex) memory = module.Memories.Resolve(r);
                var data = module.Datas.Resolve(r);
                WriteOpcode(w, info.Opcode);
                w.U32(data);
                w.U32(memory);
                module.UsesDataCount = true;
                return;
            }
            case ImmediateKind.ElemTable:
            {
                uint table = 0;
                if (IsIndexToken(r.Peek()) && AtIndex) table = module.Tables.Resolve(r);
                var elem = module.Elems.Resolve(r);
                WriteOpcode(w, info.Opcode);
                w.U32(elem);
                w.U32(table);
                return;
            }
            case ImmediateKind.MemoryPair:
                WriteIndexPair(w, info.Opcode, module.Memories);
                return;
            case ImmediateKind.TablePair:
                WriteIndexPair(w, info.Opcode, module.Tables);
                return;
            case ImmediateKind.TypeField:
            {
                var type = module.Types.Resolve(r);
                uint field;
                if (r.Current.Kind == TokenKind.Id)
                {
                    var names = module.FieldNames((int)type) ?? throw r.Error(r.Current, "unknown field " + r.TextString(r.Current));
                    field = names.Resolve(r);
                }
                else field = r.ReadU32();
                WriteOpcode(w, info.Opcode);
                w.U32(type);
                w.U32(field);
                return;
            }
            case ImmediateKind.TypeCount:
            {
                var type = module.Types.Resolve(r);
                var count = r.ReadU32();
                WriteOpcode(w, info.Opcode);
                w.U32(type);
                w.U32(count);
                return;
            }
            case ImmediateKind.TypePair:
            {
                var first = module.Types.Resolve(r);
                var second = module.Types.Resolve(r);
                WriteOpcode(w, info.Opcode);
                w.U32(first);
                w.U32(second);
                return;
            }
            case ImmediateKind.TypeData:
            {
                var type = module.Types.Resolve(r);
                var data = module.Datas.Resolve(r);
                WriteOpcode(w, info.Opcode);
                w.U32(type);
                w.U32(data);
                module.UsesDataCount = true;
                return;
            }
            case ImmediateKind.TypeElem:
            {
                var type = module.Types.Resolve(r);
                var elem = module.Elems.Resolve(r);
                WriteOpcode(w, info.Opcode);
                w.U32(type);
                w.U32(elem);
                return;
            }
            case ImmediateKind.BrOnCast:
            {
                var label = Label();
                module.ParseRefType(out var nullable1, out var heap1);
                module.ParseRefType(out var nullable2, out var heap2);
                WriteOpcode(w, info.Opcode);
                w.Byte((nullable1 ? 1 : 0) | (nullable2 ? 2 : 0));
                w.U32(label);
                w.Bytes(heap1);
                w.Bytes(heap2);
                return;
            }
            case ImmediateKind.ZeroByte:
                WriteOpcode(w, info.Opcode);
                w.Byte(0);
                return;
            default:
                throw r.Error(opToken, "unknown operator " + info.Name);
        }
    }

    private static bool IsIndexToken(Token token) => token.Kind is TokenKind.Id or TokenKind.Number;

    /// <summary>memory.copy / table.copy: destination then source, both 0 when omitted.</summary>
    private void WriteIndexPair(ByteWriter w, Opcode opcode, IndexSpace space)
    {
        uint destination = 0, source = 0;
        if (AtIndex)
        {
            destination = space.Resolve(r);
            source = space.Resolve(r);
        }
        WriteOpcode(w, opcode);
        w.U32(destination);
        w.U32(source);
    }

    /// <summary>try_table's <c>(catch x l)</c>, <c>(catch_ref x l)</c>, <c>(catch_all l)</c>, <c>(catch_all_ref l)</c>.</summary>
    private void WriteCatchClauses(ByteWriter w)
    {
        var clauses = new ByteWriter();
        var count = 0;
        while (r.AtLeftParen)
        {
            var kind = r.Peek();
            var code = r.TextString(kind) switch
            {
                "catch" => 0,
                "catch_ref" => 1,
                "catch_all" => 2,
                "catch_all_ref" => 3,
                _ => -1,
            };
            if (code < 0 || kind.Kind != TokenKind.Keyword) break;
            r.Position += 2;
            clauses.Byte(code);
            if (code < 2) clauses.U32(module.Tags.Resolve(r));
            clauses.U32(Label());
            r.ExpectRightParen();
            count++;
        }
        w.U32((uint)count);
        w.Bytes(clauses);
    }

    private uint Label()
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Id)
        {
            var id = r.IdName(token);
            for (var i = labels.Count - 1; i >= 0; i--)
            {
                if (labels[i] == id)
                {
                    r.Next();
                    return (uint)(labels.Count - 1 - i);
                }
            }
            throw r.Error(token, "unknown label");
        }
        if (token.Kind == TokenKind.Number)
        {
            var status = NumberParser.ParseNat(r.Text(token), uint.MaxValue, out var value);
            if (status == NumberParser.Status.Malformed) throw r.Error(token, "unknown operator");
            if (status == NumberParser.Status.OutOfRange) throw r.Error(token, "constant out of range");
            r.Next();
            return (uint)value;
        }
        throw r.Unexpected();
    }

    private uint ResolveLocal()
    {
        if (locals != null) return locals.Resolve(r);
        if (r.Current.Kind == TokenKind.Id) throw r.Error(r.Current, "unknown local " + r.TextString(r.Current));
        return r.ReadU32();
    }

    private byte LaneIndex()
    {
        var token = r.Current;
        if (token.Kind != TokenKind.Number) throw r.Unexpected();
        var status = NumberParser.ParseNat(r.Text(token), 255, out var value);
        if (status == NumberParser.Status.Malformed) throw r.Error(token, "malformed lane index");
        if (status == NumberParser.Status.OutOfRange) throw r.Error(token, "malformed lane index");
        r.Next();
        return (byte)value;
    }

    private void WriteMemArg(ByteWriter w, OpcodeInfo info)
    {
        uint memory = 0;
        // Lane instructions end with a lane number: a leading number is a memory index only when more follows.
        var next = r.Peek();
        var memoryFollows = info.Immediate != ImmediateKind.MemArgLane || next.Kind == TokenKind.Number
            || (next.Kind == TokenKind.Keyword && (r.Text(next).StartsWith("offset=") || r.Text(next).StartsWith("align=")));
        if (AtIndex && (r.Current.Kind == TokenKind.Id || memoryFollows)) memory = module.Memories.Resolve(r);
        ulong offset = 0;
        var alignment = BitOperations.Log2((uint)info.AccessSize);
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword && r.Text(token).StartsWith("offset="))
        {
            var status = NumberParser.ParseNat(r.Text(token)[7..], ulong.MaxValue, out offset);
            if (status == NumberParser.Status.Malformed) throw r.Error(token, "unknown operator");
            // An offset above 2^32 on a 32-bit memory is the validator's to reject ("offset out of range").
            if (status == NumberParser.Status.OutOfRange) throw r.Error(token, "i64 constant out of range");
            r.Next();
            token = r.Current;
        }
        if (token.Kind == TokenKind.Keyword && r.Text(token).StartsWith("align="))
        {
            // Read as u64: a power of two above the access size is the validator's to reject.
            var status = NumberParser.ParseNat(r.Text(token)[6..], ulong.MaxValue, out var align);
            if (status != NumberParser.Status.Ok) throw r.Error(token, "unknown operator");
            if (align == 0 || (align & (align - 1)) != 0) throw r.Error(token, "alignment must be a power of two");
            alignment = BitOperations.Log2(align);
            r.Next();
        }
        WriteOpcode(w, info.Opcode);
        if (memory != 0)
        {
            w.U32((uint)alignment | 0x40);
            w.U32(memory);
        }
        else w.U32((uint)alignment);
        w.U64(offset);
    }
}
