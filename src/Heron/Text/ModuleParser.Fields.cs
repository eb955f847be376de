namespace Heron.Text;

/// <summary>Functions, imports, exports and the start function.</summary>
internal sealed partial class ModuleParser
{
    /// <summary>Reads the inline <c>(export "name")*</c> of a definition and adds each export.</summary>
    private void ParseInlineExports(byte kind, int index)
    {
        while (r.TryForm("export"))
        {
            exportSection.Name(r.ReadName());
            exportSection.Byte(kind);
            exportSection.U32((uint)index);
            exportCount++;
            r.ExpectRightParen();
        }
    }

    /// <summary>Reads an inline <c>(import "module" "name")</c> and writes the import header, if present.</summary>
    private bool ParseInlineImport()
    {
        if (!r.TryForm("import")) return false;
        importSection.Name(r.ReadName());
        importSection.Name(r.ReadName());
        r.ExpectRightParen();
        importCount++;
        return true;
    }

    private int funcCursor;
    private int tableCursor;
    private int memoryCursor;
    private int globalCursor;
    private int tagCursor;
    private int elemCursor;
    private int dataCursor;

    private void ParseFunc()
    {
        r.Position += 2;
        r.TryId();
        var index = funcCursor++;
        ParseInlineExports(0, index);
        if (ParseInlineImport())
        {
            importSection.Byte(0x00);
            importSection.U32(ParseTypeUse(null, out _));
            r.ExpectRightParen();
            return;
        }
        var paramNames = new List<(string? Id, Token Token)>();
        var typeIndex = ParseTypeUse(paramNames, out _);
        functionSection.U32(typeIndex);
        functionCount++;

        var locals = new IndexSpace("local");
        foreach (var (id, token) in paramNames) locals.Add(id, token);
        var localTypes = new List<byte[]>();
        while (r.AtForm("local"))
        {
            var localToken = r.Peek();
            r.Position += 2;
            if (r.Current.Kind == TokenKind.Id)
            {
                locals.Add(r.TryId(), localToken);
                localTypes.Add(ParseValueType());
            }
            else
            {
                while (!r.AtRightParen)
                {
                    locals.Add(null, localToken);
                    localTypes.Add(ParseValueType());
                }
            }
            r.ExpectRightParen();
        }
        var body = new ByteWriter();
        // Runs of equal local types share one entry, as the reference assembler writes them.
        var groups = new List<(int Count, byte[] Type)>();
        foreach (var type in localTypes)
        {
            if (groups.Count > 0 && groups[^1].Type.AsSpan().SequenceEqual(type)) groups[^1] = (groups[^1].Count + 1, type);
            else groups.Add((1, type));
        }
        body.U32((uint)groups.Count);
        foreach (var (count, type) in groups)
        {
            body.U32((uint)count);
            body.Bytes(type);
        }
        currentFunction = index;
        new InstructionParser(this, locals).ParseExpression(body);
        currentFunction = -1;
        body.Byte(0x0B);
        r.ExpectRightParen();
        codeSection.Sized(body);
        if (emitNames) localNames.Add(locals.Ids);
    }

    private void ParseTag()
    {
        r.Position += 2;
        r.TryId();
        var index = tagCursor++;
        ParseInlineExports(4, index);
        var imported = ParseInlineImport();
        var target = imported ? importSection : tagSection;
        if (imported) target.Byte(0x04);
        else tagCount++;
        target.Byte(0x00);
        target.U32(ParseTypeUse(null, out _));
        r.ExpectRightParen();
    }

    private void ParseGlobal()
    {
        r.Position += 2;
        r.TryId();
        var index = globalCursor++;
        ParseInlineExports(3, index);
        if (ParseInlineImport())
        {
            importSection.Byte(0x03);
            ParseGlobalType(importSection);
            r.ExpectRightParen();
            return;
        }
        ParseGlobalType(globalSection);
        new InstructionParser(this, null).ParseExpression(globalSection);
        globalSection.Byte(0x0B);
        r.ExpectRightParen();
        globalCount++;
    }

    private void ParseGlobalType(ByteWriter w)
    {
        if (r.TryForm("mut"))
        {
            w.Bytes(ParseValueType());
            w.Byte(1);
            r.ExpectRightParen();
        }
        else
        {
            w.Bytes(ParseValueType());
            w.Byte(0);
        }
    }

    private void ParseImport()
    {
        r.Position += 2;
        importSection.Name(r.ReadName());
        importSection.Name(r.ReadName());
        importCount++;
        r.ExpectLeftParen();
        var kind = r.TextString(r.Next());
        r.TryId();
        switch (kind)
        {
            case "func":
                funcCursor++;
                importSection.Byte(0x00);
                importSection.U32(ParseTypeUse(null, out _));
                break;
            case "table":
                tableCursor++;
                importSection.Byte(0x01);
                ParseTableType(importSection);
                break;
            case "memory":
                memoryCursor++;
                importSection.Byte(0x02);
                ParseMemoryType(importSection);
                break;
            case "global":
                globalCursor++;
                importSection.Byte(0x03);
                ParseGlobalType(importSection);
                break;
            default:
                tagCursor++;
                importSection.Byte(0x04);
                importSection.Byte(0x00);
                importSection.U32(ParseTypeUse(null, out _));
                break;
        }
        r.ExpectRightParen();
        r.ExpectRightParen();
    }

    private void ParseExport()
    {
        r.Position += 2;
        exportSection.Name(r.ReadName());
        r.ExpectLeftParen();
        var kindToken = r.Next();
        var (kind, space) = r.TextString(kindToken) switch
        {
            "func" => (0, funcs),
            "table" => (1, tables),
            "memory" => (2, memories),
            "global" => (3, globals),
            "tag" => (4, tags),
            _ => throw r.Unexpected(kindToken),
        };
        exportSection.Byte(kind);
        exportSection.U32(space.Resolve(r));
        exportCount++;
        r.ExpectRightParen();
        r.ExpectRightParen();
    }

    private void ParseStart()
    {
        var token = r.Peek();
        r.Position += 2;
        if (start != null) throw r.Error(token, "multiple start sections");
        start = funcs.Resolve(r);
        r.ExpectRightParen();
    }
}
