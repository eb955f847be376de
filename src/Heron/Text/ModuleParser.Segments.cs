namespace Heron.Text;

/// <summary>Tables, memories, and element and data segments, with their inline abbreviations.</summary>
internal sealed partial class ModuleParser
{
    /// <summary>Reads <c>i32|i64</c>? then limits; true for 64-bit.</summary>
    private bool ParseAddressType()
    {
        if (r.AtKeyword("i64")) { r.Next(); return true; }
        if (r.AtKeyword("i32")) r.Next();
        return false;
    }

    private void WriteLimits(ByteWriter w, int flags, ulong min, ulong? max)
    {
        w.Byte(flags | (max != null ? 1 : 0));
        w.U64(min);
        if (max is { } m) w.U64(m);
    }

    /// <summary>A limit, read as u64 whatever the address type: validation bounds it (3.0 reports "memory size" or "table size").</summary>
    private ulong ReadLimit() => r.ReadU64();

    /// <summary><c>(pagesize N)</c> when present: the base-2 logarithm of N (a power of two); else the default.</summary>
    private int ParsePageSize()
    {
        if (!r.TryForm("pagesize")) return MemoryType.DefaultPageSizeLog2;
        var token = r.Current;
        var size = r.ReadU64();
        if (size == 0 || (size & (size - 1)) != 0) throw r.Error(token, "invalid custom page size");
        r.ExpectRightParen();
        return System.Numerics.BitOperations.Log2(size);
    }

    private static void WritePageSize(ByteWriter w, int pageSizeLog2)
    {
        if (pageSizeLog2 != MemoryType.DefaultPageSizeLog2) w.U32((uint)pageSizeLog2);
    }

    /// <summary>addrtype? limits reftype, written as a table type; true for a 64-bit table.</summary>
    private bool ParseTableType(ByteWriter w)
    {
        var is64 = ParseAddressType();
        var min = ReadLimit();
        ulong? max = r.AtNat ? ReadLimit() : null;
        var type = ParseRefType(out _, out _);
        w.Bytes(type);
        WriteLimits(w, is64 ? 4 : 0, min, max);
        return is64;
    }

    /// <summary>addrtype? limits shared?, written as a memory type; true for a 64-bit memory.</summary>
    private bool ParseMemoryType(ByteWriter w)
    {
        var is64 = ParseAddressType();
        var min = ReadLimit();
        ulong? max = r.AtNat ? ReadLimit() : null;
        var flags = is64 ? 4 : 0;
        if (r.AtKeyword("shared"))
        {
            r.Next();
            flags |= 2;
        }
        else if (r.AtKeyword("unshared")) r.Next();
        var pageSizeLog2 = ParsePageSize();
        if (pageSizeLog2 != MemoryType.DefaultPageSizeLog2) flags |= 8;
        WriteLimits(w, flags, min, max);
        WritePageSize(w, pageSizeLog2);
        return is64;
    }

    private void ParseTable()
    {
        r.Position += 2;
        r.TryId();
        var index = tableCursor++;
        ParseInlineExports(1, index);
        if (ParseInlineImport())
        {
            importSection.Byte(0x01);
            ParseTableType(importSection);
            r.ExpectRightParen();
            return;
        }
        tableCount++;
        var saved = r.Position;
        var is64 = ParseAddressType();
        if (r.AtNat)
        {
            r.Position = saved;
            var type = new ByteWriter();
            ParseTableType(type);
            if (r.AtRightParen)
            {
                tableSection.Bytes(type);
            }
            else
            {
                // A table with an initializer expression.
                tableSection.Bytes([0x40, 0x00]);
                tableSection.Bytes(type);
                new InstructionParser(this, null).ParseExpression(tableSection);
                tableSection.Byte(0x0B);
            }
            r.ExpectRightParen();
            return;
        }
        // (table reftype (elem ...)): the limits are the number of elements, and an active segment fills it.
        var elemType = ParseRefType(out _, out _);
        if (!r.TryForm("elem")) throw r.Unexpected();
        var items = ParseElemList(indices: !r.AtLeftParen);
        r.ExpectRightParen();
        r.ExpectRightParen();
        tableSection.Bytes(elemType);
        WriteLimits(tableSection, is64 ? 4 : 0, (ulong)items.Count, (ulong)items.Count);
        elemCursor++;
        var offset = new ByteWriter();
        if (is64) { offset.Byte(0x42); offset.S64(0); } else { offset.Byte(0x41); offset.S32(0); }
        WriteElemSegment(0, (uint)index, offset, elemType, items);
    }

    private void ParseMemory()
    {
        r.Position += 2;
        r.TryId();
        var index = memoryCursor++;
        ParseInlineExports(2, index);
        if (ParseInlineImport())
        {
            importSection.Byte(0x02);
            ParseMemoryType(importSection);
            r.ExpectRightParen();
            return;
        }
        memoryCount++;
        var saved = r.Position;
        var is64 = ParseAddressType();
        var pageSizeLog2 = ParsePageSize();
        if (!r.AtForm("data"))
        {
            r.Position = saved;
            ParseMemoryType(memorySection);
            r.ExpectRightParen();
            return;
        }
        // (memory (data "...")): the memory is exactly as large as the data, which an active segment writes at 0.
        r.Position += 2;
        var bytes = new ByteWriter();
        while (r.Current.Kind == TokenKind.String) bytes.Bytes(r.ReadStringBytes());
        r.ExpectRightParen();
        r.ExpectRightParen();
        var pageSize = 1UL << pageSizeLog2;
        var pages = ((ulong)bytes.Length + pageSize - 1) / pageSize;
        var custom = pageSizeLog2 != MemoryType.DefaultPageSizeLog2;
        WriteLimits(memorySection, (is64 ? 4 : 0) | (custom ? 8 : 0), pages, pages);
        WritePageSize(memorySection, pageSizeLog2);
        dataCursor++;
        dataCount++;
        if (index == 0) dataSection.Byte(0);
        else { dataSection.Byte(2); dataSection.U32((uint)index); }
        if (is64) { dataSection.Byte(0x42); dataSection.S64(0); } else { dataSection.Byte(0x41); dataSection.S32(0); }
        dataSection.Byte(0x0B);
        dataSection.U32((uint)bytes.Length);
        dataSection.Bytes(bytes);
    }

    /// <summary>One element: its constant expression (without <c>end</c>), and the function index when it is just <c>ref.func x</c>.</summary>
    private readonly record struct ElemItem(byte[] Expression, uint? Function);

    /// <summary>
    /// Reads the elements of a segment: function indices (after an optional <c>func</c>) when
    /// <paramref name="indices"/>, otherwise expressions, each <c>(item instr*)</c> or one folded instruction.
    /// </summary>
    private List<ElemItem> ParseElemList(bool indices)
    {
        var items = new List<ElemItem>();
        if (indices)
        {
            if (r.AtKeyword("func")) r.Next();
            while (r.Current.Kind is TokenKind.Id or TokenKind.Number) items.Add(RefFuncItem(funcs.Resolve(r)));
            return items;
        }
        while (r.AtLeftParen)
        {
            var w = new ByteWriter();
            var parser = new InstructionParser(this, null);
            if (r.TryForm("item"))
            {
                parser.ParseExpression(w);
                r.ExpectRightParen();
            }
            else parser.ParseFolded(w);
            items.Add(new ElemItem(w.ToArray(), AsRefFunc(w.AsSpan())));
        }
        return items;
    }

    private static ElemItem RefFuncItem(uint function)
    {
        var w = new ByteWriter();
        w.Byte(0xD2);
        w.U32(function);
        return new ElemItem(w.ToArray(), function);
    }

    /// <summary>The function index when <paramref name="expression"/> is exactly <c>ref.func x</c>.</summary>
    private static uint? AsRefFunc(ReadOnlySpan<byte> expression)
    {
        if (expression.Length < 2 || expression[0] != 0xD2) return null;
        uint value = 0;
        var shift = 0;
        for (var i = 1; i < expression.Length; i++)
        {
            value |= (uint)(expression[i] & 0x7F) << shift;
            shift += 7;
            if ((expression[i] & 0x80) == 0) return i == expression.Length - 1 ? value : null;
        }
        return null;
    }

    /// <summary>
    /// Writes an element segment in the encoding the reference assembler picks: function indices when the
    /// type is funcref and every element is <c>ref.func</c>, expressions otherwise; an explicit table index
    /// when the table is not 0 or the type is not funcref. Mode: 0 active, 1 passive, 3 declarative.
    /// </summary>
    /// With typed references a segment of function indices is (ref func), so a list that names its type
    /// (<paramref name="explicitType"/>: <c>funcref</c>, not the <c>func</c> keyword) is written as expressions
    /// to keep that type, as the reference assembler does.
    private void WriteElemSegment(int mode, uint table, ByteWriter? offset, byte[] elemType, List<ElemItem> items, bool explicitType = false)
    {
        var isFuncRef = elemType.Length == 1 && elemType[0] == 0x70;
        var useIndices = isFuncRef && !explicitType && items.TrueForAll(item => item.Function != null);
        var flags = useIndices ? 0 : 4;
        var explicitTable = false;
        if (mode == 0)
        {
            explicitTable = table != 0 || !isFuncRef;
            if (explicitTable) flags |= 2;
        }
        else flags |= mode;
        var w = elemSection;
        w.Byte(flags);
        if (explicitTable) w.U32(table);
        if (offset != null)
        {
            w.Bytes(offset);
            w.Byte(0x0B);
        }
        if (mode != 0 || explicitTable)
        {
            if (useIndices) w.Byte(0x00);
            else w.Bytes(elemType);
        }
        w.U32((uint)items.Count);
        foreach (var item in items)
        {
            if (useIndices) w.U32(item.Function!.Value);
            else
            {
                w.Bytes(item.Expression);
                w.Byte(0x0B);
            }
        }
        elemCount++;
    }

    private void ParseElem()
    {
        r.Position += 2;
        r.TryId();
        elemCursor++;
        if (r.AtKeyword("declare"))
        {
            r.Next();
            var type = ElemListType();
            var items = ParseElemList(type == null);
            r.ExpectRightParen();
            WriteElemSegment(3, 0, null, type ?? [0x70], items, explicitType: type != null);
            return;
        }
        uint table = 0;
        var active = false;
        if (r.TryForm("table"))
        {
            table = tables.Resolve(r);
            r.ExpectRightParen();
            active = true;
        }
        else if (r.Current.Kind is TokenKind.Number or TokenKind.Id)
        {
            // The MVP form (elem tableidx offset ...).
            table = tables.Resolve(r);
            active = true;
        }
        if (active || r.AtForm("offset") || (r.AtLeftParen && !r.AtForm("ref") && !r.AtForm("item")))
        {
            var offset = ParseOffset();
            var type = ElemListType();
            var items = ParseElemList(type == null);
            r.ExpectRightParen();
            WriteElemSegment(0, table, offset, type ?? [0x70], items, explicitType: type != null);
            return;
        }
        var passiveType = ElemListType();
        var passiveItems = ParseElemList(passiveType == null);
        r.ExpectRightParen();
        WriteElemSegment(1, 0, null, passiveType ?? [0x70], passiveItems, explicitType: passiveType != null);
    }

    /// <summary>The reference type that starts an element list, or null for <c>func</c> and bare indices.</summary>
    private byte[]? ElemListType()
    {
        if (r.AtKeyword("func") || r.Current.Kind is TokenKind.Id or TokenKind.Number || r.AtRightParen) return null;
        return ParseRefType(out _, out _);
    }

    /// <summary><c>(offset instr*)</c> or one folded instruction.</summary>
    private ByteWriter ParseOffset()
    {
        var w = new ByteWriter();
        var parser = new InstructionParser(this, null);
        if (r.TryForm("offset"))
        {
            parser.ParseExpression(w);
            r.ExpectRightParen();
        }
        else parser.ParseFolded(w);
        return w;
    }

    private void ParseData()
    {
        r.Position += 2;
        r.TryId();
        dataCursor++;
        dataCount++;
        uint memory = 0;
        var active = false;
        if (r.TryForm("memory"))
        {
            memory = memories.Resolve(r);
            r.ExpectRightParen();
            active = true;
        }
        else if (r.Current.Kind is TokenKind.Number or TokenKind.Id)
        {
            memory = memories.Resolve(r);
            active = true;
        }
        if (active || r.AtLeftParen)
        {
            var offset = ParseOffset();
            if (memory == 0) dataSection.Byte(0);
            else { dataSection.Byte(2); dataSection.U32(memory); }
            dataSection.Bytes(offset);
            dataSection.Byte(0x0B);
        }
        else dataSection.Byte(1);
        var bytes = new ByteWriter();
        while (r.Current.Kind == TokenKind.String) bytes.Bytes(r.ReadStringBytes());
        r.ExpectRightParen();
        dataSection.U32((uint)bytes.Length);
        dataSection.Bytes(bytes);
    }
}
