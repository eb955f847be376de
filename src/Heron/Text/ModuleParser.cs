namespace Heron.Text;

/// <summary>
/// Turns one text-format module into the binary format. Two passes over the tokens: the first assigns every
/// index (so fields may refer to ids defined later) and checks duplicates and import order; the second
/// parses each field in text order and encodes it into its section. Implicit function types (from inline
/// signatures) are appended to the type section in the order they are met, as the spec prescribes.
/// </summary>
internal sealed partial class ModuleParser
{
    private readonly TokenReader r;
    private readonly bool emitNames;

    private readonly IndexSpace types = new("type");
    private readonly IndexSpace funcs = new("func");
    private readonly IndexSpace tables = new("table");
    private readonly IndexSpace memories = new("memory");
    private readonly IndexSpace globals = new("global");
    private readonly IndexSpace elems = new("elem");
    private readonly IndexSpace datas = new("data");
    private readonly IndexSpace tags = new("tag");

    /// <summary>Per type index: its signature when it is a function type that implicit type uses may reuse.</summary>
    private readonly List<FuncSignature?> typeSignatures = [];
    private readonly List<bool> typeReusable = [];
    private readonly Dictionary<int, IndexSpace> fieldNames = [];
    /// <summary>Whether each memory and table is 64-bit (offsets of inline segments use i64.const).</summary>
    private readonly List<bool> memory64 = [];
    private readonly List<bool> table64 = [];

    private readonly ByteWriter typeSection = new();
    private int typeEntries;
    private readonly ByteWriter importSection = new();
    private int importCount;
    private readonly ByteWriter functionSection = new();
    private int functionCount;
    private readonly ByteWriter tableSection = new();
    private int tableCount;
    private readonly ByteWriter memorySection = new();
    private int memoryCount;
    private readonly ByteWriter tagSection = new();
    private int tagCount;
    private readonly ByteWriter globalSection = new();
    private int globalCount;
    private readonly ByteWriter exportSection = new();
    private int exportCount;
    private uint? start;
    private readonly ByteWriter elemSection = new();
    private int elemCount;
    private readonly ByteWriter codeSection = new();
    private readonly ByteWriter dataSection = new();
    private int dataCount;

    private string? moduleName;
    private readonly List<List<string?>> localNames = [];

    /// <summary>Set when an instruction refers to a data segment: the data count section is then required.</summary>
    internal bool UsesDataCount { get; set; }

    /// <summary>
    /// Whether a folded instruction may have plain instructions as operands, as Wasmtime's parser allows; the
    /// specification's grammar wants folded operands only.
    /// </summary>
    internal bool PlainOperandsInFolds { get; private init; }

    private ModuleParser(TokenReader reader, bool emitNames, bool checkAnnotations)
    {
        r = reader;
        this.emitNames = emitNames;
        this.checkAnnotations = checkAnnotations;
    }

    /// <summary>
    /// Parses <paramref name="text"/> (a <c>(module ...)</c> form or bare fields) into a binary module; with
    /// <paramref name="checkAnnotations"/>, a malformed or invalid custom annotation rejects it
    /// (<see cref="CustomAnnotationException"/>) instead of being dropped.
    /// </summary>
    public static byte[] Parse(string text, int line, int column, bool emitNames, bool checkAnnotations = false, bool plainOperandsInFolds = false)
    {
        var annotations = new List<Annotation>();
        var reader = new TokenReader(text, Lexer.Tokenize(text, line, column, annotations), annotations);
        return new ModuleParser(reader, emitNames, checkAnnotations) { PlainOperandsInFolds = plainOperandsInFolds }.ParseModule();
    }

    private byte[] ParseModule()
    {
        var wrapped = r.AtForm("module");
        if (wrapped)
        {
            r.Position += 2;
            if (r.AtKeyword("definition")) r.Next();
            moduleName = r.TryId();
            if (r.AtKeyword("binary"))
            {
                r.Next();
                var bytes = new ByteWriter();
                while (r.Current.Kind == TokenKind.String) bytes.Bytes(r.ReadStringBytes());
                r.ExpectRightParen();
                if (!r.AtEnd) throw r.Unexpected();
                return bytes.ToArray();
            }
        }
        var fieldsStart = r.Position;
        var fields = Scan(wrapped);
        ReadFieldAnnotations(fields.Select(f => f.Token).ToHashSet(), fieldsStart, moduleEnd, wrapped);
        r.Position = fieldsStart;

        // Explicit types first: every type use below may need their signatures.
        foreach (var field in fields)
        {
            if (field.Keyword is "type" or "rec")
            {
                r.Position = field.Token;
                if (field.Keyword == "type") ParseTypeField(); else ParseRecField();
            }
        }
        foreach (var field in fields)
        {
            r.Position = field.Token;
            switch (field.Keyword)
            {
                case "type": case "rec": break;
                case "func": ParseFunc(); break;
                case "table": ParseTable(); break;
                case "memory": ParseMemory(); break;
                case "global": ParseGlobal(); break;
                case "tag": ParseTag(); break;
                case "import": ParseImport(); break;
                case "export": ParseExport(); break;
                case "start": ParseStart(); break;
                case "elem": ParseElem(); break;
                case "data": ParseData(); break;
            }
        }
        CheckUnusedHints();
        return Assemble();
    }

    private readonly record struct Field(string Keyword, int Token);

    /// <summary>The token that closes the module (its right parenthesis, or the end of bare fields).</summary>
    private int moduleEnd;

    /// <summary>
    /// First pass: lists the fields, assigns indices and ids in every index space, and checks that imports
    /// precede the definitions of their kind.
    /// </summary>
    private List<Field> Scan(bool wrapped)
    {
        var fields = new List<Field>();
        var defined = new HashSet<string>();
        while (true)
        {
            moduleEnd = r.Position;
            if (wrapped && r.AtRightParen)
            {
                r.Next();
                if (!r.AtEnd) throw r.Unexpected();
                break;
            }
            if (!wrapped && r.AtEnd) break;
            if (!r.AtLeftParen) throw r.Unexpected();
            var open = r.Position;
            var keywordToken = r.Peek();
            if (keywordToken.Kind != TokenKind.Keyword) throw r.Unexpected(keywordToken);
            var keyword = r.TextString(keywordToken);
            fields.Add(new Field(keyword, open));
            r.Position += 2;
            switch (keyword)
            {
                case "type":
                    types.Add(r.TryId(), keywordToken);
                    break;
                case "rec":
                    while (r.AtForm("type"))
                    {
                        var typeToken = r.Peek();
                        r.Position += 2;
                        types.Add(r.TryId(), typeToken);
                        SkipToClose();
                    }
                    break;
                case "func": case "table": case "memory": case "global": case "tag":
                {
                    var space = SpaceOf(keyword);
                    nameTargets[open + 1] = (keyword, space.Count);
                    space.Add(r.TryId(), keywordToken);
                    while (r.AtForm("export")) r.SkipForm();
                    var imported = r.AtForm("import");
                    CheckImportOrder(keyword, imported, defined, keywordToken);
                    if (imported) r.SkipForm();
                    if (keyword == "memory") memory64.Add(r.AtKeyword("i64"));
                    if (keyword == "table") table64.Add(r.AtKeyword("i64"));
                    if (keyword == "table" && HasChildForm("elem")) elems.Add(null, keywordToken);
                    if (keyword == "memory" && HasChildForm("data")) datas.Add(null, keywordToken);
                    break;
                }
                case "import":
                {
                    if (r.Current.Kind == TokenKind.String) r.Next();
                    if (r.Current.Kind == TokenKind.String) r.Next();
                    if (!r.AtLeftParen) throw r.Unexpected();
                    var kindToken = r.Peek();
                    var kind = r.TextString(kindToken);
                    if (kindToken.Kind != TokenKind.Keyword || kind is not ("func" or "table" or "memory" or "global" or "tag"))
                        throw r.Unexpected(kindToken);
                    nameTargets[r.Position + 1] = (kind, SpaceOf(kind).Count);
                    r.Position += 2;
                    CheckImportOrder(kind, true, defined, kindToken);
                    SpaceOf(kind).Add(r.TryId(), kindToken);
                    if (kind == "memory") memory64.Add(r.AtKeyword("i64"));
                    if (kind == "table") table64.Add(r.AtKeyword("i64"));
                    break;
                }
                case "elem":
                    elems.Add(r.TryId(), keywordToken);
                    break;
                case "data":
                    datas.Add(r.TryId(), keywordToken);
                    break;
                case "export": case "start":
                    break;
                default:
                    throw r.Error(keywordToken, "unknown operator " + keyword);
            }
            r.Position = open;
            r.SkipForm();
        }
        return fields;
    }

    /// <summary>Imports must precede every definition of a function, table, memory, global or tag.</summary>
    private void CheckImportOrder(string kind, bool imported, HashSet<string> defined, Token token)
    {
        if (!imported)
        {
            if (defined.Count == 0) firstDefinition = kind;
            defined.Add(kind);
        }
        else if (firstDefinition != null) throw r.Error(token, "import after " + (firstDefinition == "func" ? "function" : firstDefinition));
    }

    private string? firstDefinition;

    /// <summary>Skips to just after the right parenthesis closing the form the reader is inside.</summary>
    private void SkipToClose()
    {
        while (!r.AtRightParen)
        {
            if (r.AtLeftParen) r.SkipForm();
            else if (r.AtEnd) throw r.Unexpected();
            else r.Next();
        }
        r.Next();
    }

    /// <summary>True when a direct child of the current form (from the reader's position) is <c>(keyword ...)</c>.</summary>
    private bool HasChildForm(string keyword)
    {
        var saved = r.Position;
        try
        {
            while (!r.AtRightParen && !r.AtEnd)
            {
                if (r.AtForm(keyword)) return true;
                if (r.AtLeftParen) r.SkipForm(); else r.Next();
            }
            return false;
        }
        finally
        {
            r.Position = saved;
        }
    }

    private IndexSpace SpaceOf(string kind) => kind switch
    {
        "func" => funcs,
        "table" => tables,
        "memory" => memories,
        "global" => globals,
        _ => tags,
    };

    internal IndexSpace Types => types;
    internal IndexSpace Funcs => funcs;
    internal IndexSpace Tables => tables;
    internal IndexSpace Memories => memories;
    internal IndexSpace Globals => globals;
    internal IndexSpace Elems => elems;
    internal IndexSpace Datas => datas;
    internal IndexSpace Tags => tags;
    internal TokenReader Reader => r;

    /// <summary>Whether memory <paramref name="index"/> has 64-bit addresses (false when there is no such memory).</summary>
    internal bool IsMemory64(uint index) => index < memory64.Count && memory64[(int)index];

    /// <summary>The names of the fields of struct type <paramref name="typeIndex"/>, if it has any.</summary>
    internal IndexSpace? FieldNames(int typeIndex) => fieldNames.GetValueOrDefault(typeIndex);

    private byte[] Assemble()
    {
        var output = new ByteWriter();
        output.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        WriteCustomSections(output, "before first");
        foreach (var (kind, _) in SectionOrder)
        {
            WriteCustomSections(output, "before " + kind);
            WriteSection(output, kind);
            WriteCustomSections(output, "after " + kind);
        }
        WriteCustomSections(output, "after last");
        if (emitNames || annotatedModuleName != null || annotatedFunctionNames.Count > 0 || annotatedTagNames.Count > 0)
            WriteNameSection(output);
        return output.ToArray();
    }

    /// <summary>The section of <paramref name="kind"/> (see <see cref="SectionOrder"/>), when the module has one.</summary>
    private void WriteSection(ByteWriter output, string kind)
    {
        switch (kind)
        {
            case "type": Section(output, 1, typeEntries, typeSection); break;
            case "import": Section(output, 2, importCount, importSection); break;
            case "func": Section(output, 3, functionCount, functionSection); break;
            case "table": Section(output, 4, tableCount, tableSection); break;
            case "memory": Section(output, 5, memoryCount, memorySection); break;
            case "tag": Section(output, 13, tagCount, tagSection); break;
            case "global": Section(output, 6, globalCount, globalSection); break;
            case "export": Section(output, 7, exportCount, exportSection); break;
            case "start":
                if (start is { } s)
                {
                    var body = new ByteWriter();
                    body.U32(s);
                    output.Byte(8);
                    output.Sized(body);
                }
                break;
            case "elem": Section(output, 9, elemCount, elemSection); break;
            case "datacount":
                if (UsesDataCount && dataCount > 0)
                {
                    var body = new ByteWriter();
                    body.U32((uint)dataCount);
                    output.Byte(12);
                    output.Sized(body);
                }
                break;
            case "code":
                WriteBranchHints(output);
                Section(output, 10, functionCount, codeSection);
                break;
            case "data": Section(output, 11, dataCount, dataSection); break;
        }
    }

    private static void Section(ByteWriter output, byte id, int count, ByteWriter entries)
    {
        if (count == 0) return;
        var body = new ByteWriter();
        body.U32((uint)count);
        body.Bytes(entries);
        output.Byte(id);
        output.Sized(body);
    }

    private void WriteNameSection(ByteWriter output)
    {
        var section = new ByteWriter();
        section.Name("name");
        var module = annotatedModuleName ?? (emitNames ? moduleName : null);
        if (module != null)
        {
            var sub = new ByteWriter();
            sub.Name(module);
            section.Byte(0);
            section.Sized(sub);
        }
        var functionNames = new ByteWriter();
        var named = 0;
        for (var i = 0; i < funcs.Ids.Count; i++)
        {
            if ((annotatedFunctionNames.GetValueOrDefault(i) ?? (emitNames ? funcs.Ids[i] : null)) is not { } id) continue;
            functionNames.U32((uint)i);
            functionNames.Name(id);
            named++;
        }
        if (named > 0)
        {
            var sub = new ByteWriter();
            sub.U32((uint)named);
            sub.Bytes(functionNames);
            section.Byte(1);
            section.Sized(sub);
        }
        var locals = new ByteWriter();
        var withLocals = 0;
        var importedFunctions = funcs.Count - localNames.Count;
        for (var f = 0; f < localNames.Count; f++)
        {
            var names = localNames[f];
            var count = names.Count(n => n != null);
            if (count == 0) continue;
            locals.U32((uint)(importedFunctions + f));
            locals.U32((uint)count);
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] is not { } id) continue;
                locals.U32((uint)i);
                locals.Name(id);
            }
            withLocals++;
        }
        if (withLocals > 0)
        {
            var sub = new ByteWriter();
            sub.U32((uint)withLocals);
            sub.Bytes(locals);
            section.Byte(2);
            section.Sized(sub);
        }
        if (annotatedTagNames.Count > 0)
        {
            // Subsection 11 of the extended name section: tag names.
            var sub = new ByteWriter();
            sub.U32((uint)annotatedTagNames.Count);
            foreach (var (index, name) in annotatedTagNames.OrderBy(n => n.Key))
            {
                sub.U32((uint)index);
                sub.Name(name);
            }
            section.Byte(11);
            section.Sized(sub);
        }
        output.Byte(0);
        output.Sized(section);
    }
}
