using Heron.Text;

namespace Heron.Components.Text;

/// <summary>
/// Turns the text format of a component into its binary format in one pass over the tokens. Each definition
/// is encoded when its closing parenthesis is read and emitted into its scope; the text format's sugar emits
/// the definitions it stands for first (an inline type becomes a type definition, <c>$i "f"</c> an alias of
/// an export, an id of an enclosing scope an outer alias), in the order the reference encoder emits them, so
/// that indices match. Inline exports (<c>(func (export "f") ...)</c>) are appended at the component's end.
/// </summary>
internal sealed partial class ComponentParser
{
    private readonly TokenReader r;
    private Scope scope = null!;

    private ComponentParser(TokenReader reader) => r = reader;

    /// <summary>Parses one <c>(component ...)</c> form; <paramref name="line"/>/<paramref name="column"/> place the text in its file.</summary>
    public static byte[] Parse(string text, int line, int column)
    {
        var parser = new ComponentParser(new TokenReader(text, Lexer.Tokenize(text, line, column)));
        var bytes = parser.ParseTopLevel();
        if (!parser.r.AtEnd) throw parser.r.Unexpected();
        return bytes;
    }

    private byte[] ParseTopLevel()
    {
        var open = r.Current;
        if (!r.AtForm("component")) throw r.Error(open, "expected (component ...)");
        r.Position += 2;
        if (r.AtKeyword("definition")) r.Next();
        var id = r.TryId();
        if (r.AtKeyword("binary"))
        {
            r.Next();
            var bytes = new ByteWriter();
            while (r.Current.Kind == TokenKind.String) bytes.Bytes(r.ReadStringBytes());
            ExpectClose(open);
            return bytes.ToArray();
        }
        return ParseComponentBody(id, open);
    }

    /// <summary>The fields of a component up to its closing parenthesis, in a scope of their own.</summary>
    private byte[] ParseComponentBody(string? id, Token open)
    {
        var outer = scope;
        scope = new Scope(ScopeKind.Component, id, outer);
        while (r.AtLeftParen) ParseField();
        ExpectClose(open);
        foreach (var (name, space, index) in scope.InlineExports)
        {
            var w = new ByteWriter();
            w.Byte(0x00);
            w.Name(name);
            space.WriteSort(w);
            w.U32(index);
            w.Byte(0x00);
            scope.Emit(DefinitionKind.Export, w.ToArray());
        }
        var bytes = scope.EncodeComponent();
        scope = outer;
        return bytes;
    }

    private void ParseField()
    {
        var open = r.Current;
        var keyword = r.Peek();
        if (keyword.Kind != TokenKind.Keyword) throw r.Error(keyword, "expected a component field");
        switch (r.TextString(keyword))
        {
            case "core":
            {
                var sort = r.Peek(2);
                var word = sort.Kind == TokenKind.Keyword ? r.TextString(sort) : "";
                r.Position += 3;
                switch (word)
                {
                    case "module": ParseCoreModule(open); break;
                    case "instance": ParseCoreInstance(open); break;
                    case "type": ParseCoreType(open); break;
                    case "rec": ParseCoreRec(open); break;
                    case "func": ParseCoreFunc(open); break;
                    default:
                        var space = Spaces.CoreFromKeyword(word) ?? throw r.Error(sort, "expected a core definition");
                        ParseCoreItemAlias(open, space);
                        break;
                }
                return;
            }
            case "component": r.Position += 2; ParseNestedComponent(open); return;
            case "instance": r.Position += 2; ParseInstance(open); return;
            case "alias": r.Position += 2; ParseAlias(open); return;
            case "type": r.Position += 2; ParseTypeDefinition(open, allowExports: true); return;
            case "canon": r.Position += 2; ParseCanon(open); return;
            case "func": r.Position += 2; ParseFunc(open); return;
            case "import": r.Position += 2; ParseImport(open); return;
            case "export": r.Position += 2; ParseExport(open); return;
            case "start": r.Position += 2; ParseStart(open); return;
            case "value": throw r.Error(keyword, "value definitions are not supported");
            default: throw r.Error(keyword, "expected a component field");
        }
    }

    /// <summary>The <c>(export "name")</c> forms of the inline-export sugar, consumed.</summary>
    private List<string> ReadInlineExports()
    {
        var names = new List<string>();
        while (r.AtForm("export") && r.Peek(2).Kind == TokenKind.String && r.Peek(3).Kind == TokenKind.RightParen)
        {
            r.Position += 2;
            names.Add(r.ReadName());
            r.Next();
        }
        return names;
    }

    private void AddInlineExports(List<string> names, Space space, uint index)
    {
        foreach (var name in names) scope.InlineExports.Add((name, space, index));
    }

    /// <summary>
    /// True at the <c>(import "name" attribute*)</c> of the inline-import sugar (an import field has an
    /// extern type or a second name after the name and attributes).
    /// </summary>
    private bool AtInlineImport
    {
        get
        {
            if (!r.AtForm("import") || r.Peek(2).Kind != TokenKind.String) return false;
            var ahead = 3;
            while (r.Peek(ahead).Kind == TokenKind.LeftParen && r.Peek(ahead + 1).Kind == TokenKind.Keyword
                && r.TextString(r.Peek(ahead + 1)) is "versionsuffix" or "implements" or "external-id")
            {
                ahead += 4;
            }
            return r.Peek(ahead).Kind == TokenKind.RightParen;
        }
    }

    /// <summary>Reads <c>(import "name" attributes*)</c> into its name-and-attributes encoding.</summary>
    private byte[] ReadInlineImport()
    {
        var open = r.Current;
        r.Position += 2;
        var name = ReadNameAndAttributes();
        ExpectClose(open);
        return name;
    }

    private void ParseNestedComponent(Token open)
    {
        var id = r.TryId();
        var exports = ReadInlineExports();
        if (AtInlineImport)
        {
            var name = ReadInlineImport();
            var type = ReadComponentTypeUse(ScopeKind.ComponentType, open);
            ExpectClose(open);
            EmitImport(name, 0x04, type, Space.Component, id, open, exports);
            return;
        }
        var bytes = ParseComponentBody(id, open);
        scope.Emit(DefinitionKind.Component, bytes);
        AddInlineExports(exports, Space.Component, (uint)scope[Space.Component].Add(id, open));
    }

    private void EmitImport(byte[] name, byte externCode, uint typeIndex, Space space, string? id, Token token, List<string> exports)
    {
        var w = new ByteWriter();
        w.Bytes(name);
        if (externCode == 0x00) w.Byte(0x11);
        w.Byte(externCode);
        w.U32(typeIndex);
        scope.Emit(DefinitionKind.Import, w.ToArray());
        AddInlineExports(exports, space, (uint)scope[space].Add(id, token));
    }

    private void ParseInstance(Token open)
    {
        var id = r.TryId();
        var exports = ReadInlineExports();
        if (AtInlineImport)
        {
            var name = ReadInlineImport();
            var type = ReadComponentTypeUse(ScopeKind.InstanceType, open);
            ExpectClose(open);
            EmitImport(name, 0x05, type, Space.Instance, id, open, exports);
            return;
        }
        if (r.AtForm("alias"))
        {
            ParseInlineAlias(open, Space.Instance, id, exports);
            return;
        }
        var w = new ByteWriter();
        if (r.AtForm("instantiate"))
        {
            var instantiate = r.Current;
            r.Position += 2;
            var component = ReadReference(Space.Component);
            var args = new List<byte[]>();
            while (r.AtForm("with")) args.Add(ReadInstantiationArgument());
            ExpectClose(instantiate);
            w.Byte(0x00);
            w.U32(component);
            w.U32((uint)args.Count);
            foreach (var arg in args) w.Bytes(arg);
        }
        else
        {
            w.Byte(0x01);
            WriteInlineExportBundle(w);
        }
        ExpectClose(open);
        scope.Emit(DefinitionKind.Instance, w.ToArray());
        AddInlineExports(exports, Space.Instance, (uint)scope[Space.Instance].Add(id, open));
    }

    /// <summary><c>(with "name" (sort idx))</c>, or <c>(with "name" (instance (export ...)*))</c>, which first defines that instance.</summary>
    private byte[] ReadInstantiationArgument()
    {
        var open = r.Current;
        r.Position += 2;
        var name = r.ReadName();
        var w = new ByteWriter();
        w.Name(name);
        if (r.AtForm("instance") && r.Peek(2).Kind is TokenKind.LeftParen or TokenKind.RightParen)
        {
            var bundleOpen = r.Current;
            r.Position += 2;
            var bundle = new ByteWriter();
            bundle.Byte(0x01);
            WriteInlineExportBundle(bundle);
            ExpectClose(bundleOpen);
            scope.Emit(DefinitionKind.Instance, bundle.ToArray());
            Space.Instance.WriteSort(w);
            w.U32((uint)scope[Space.Instance].Add(null, bundleOpen));
            ExpectClose(open);
            return w.ToArray();
        }
        var (space, index) = ReadSortedReference();
        space.WriteSort(w);
        w.U32(index);
        ExpectClose(open);
        return w.ToArray();
    }

    /// <summary>The <c>(export "name" (sort idx))*</c> of an instance made of exports, as a vector.</summary>
    private void WriteInlineExportBundle(ByteWriter w)
    {
        var items = new List<byte[]>();
        while (r.AtForm("export"))
        {
            var open = r.Current;
            r.Position += 2;
            var item = new ByteWriter();
            item.Bytes(ReadNameAndAttributes());
            var (space, index) = ReadSortedReference();
            space.WriteSort(item);
            item.U32(index);
            ExpectClose(open);
            items.Add(item.ToArray());
        }
        w.U32((uint)items.Count);
        foreach (var item in items) w.Bytes(item);
    }

    private void ParseAlias(Token open)
    {
        var w = new ByteWriter();
        Space space;
        if (r.AtKeyword("outer"))
        {
            r.Next();
            var scopeCount = ResolveOuterCount(ReadIndex());
            var target = ReadIndex();
            var targetClose = r.Current;
            r.ExpectLeftParen();
            space = ReadSortKeyword();
            var id = r.TryId();
            ExpectClose(targetClose);
            ExpectClose(open);
            var index = ResolveInScope(scopeCount, space, target);
            space.WriteSort(w);
            w.Byte(0x02);
            w.U32(scopeCount);
            w.U32(index);
            EmitAliasDefinition(w, space, id, open);
            return;
        }
        var core = r.AtKeyword("core");
        if (core) r.Next();
        r.ExpectKeyword("export");
        var instance = ResolveIndex(core ? Space.CoreInstance : Space.Instance, ReadIndex());
        var name = r.ReadName();
        var sortOpen = r.Current;
        r.ExpectLeftParen();
        space = ReadSortKeyword();
        // A component instance may export a core module; every other core sort comes from a core instance.
        if (space.IsCore() != core && !(space == Space.CoreModule && !core))
            throw r.Error(sortOpen, core ? "expected a core sort" : "expected a component sort");
        var aliasId = r.TryId();
        ExpectClose(sortOpen);
        ExpectClose(open);
        space.WriteSort(w);
        w.Byte(core ? 0x01 : 0x00);
        w.U32(instance);
        w.Name(name);
        EmitAliasDefinition(w, space, aliasId, open);
    }

    private void EmitAliasDefinition(ByteWriter w, Space space, string? id, Token token)
    {
        scope.Emit(DefinitionKind.Alias, w.ToArray());
        scope[space].Add(id, token);
    }

    /// <summary>The count of an outer alias: a number, or the id of an enclosing scope.</summary>
    private uint ResolveOuterCount(Reference count)
    {
        if (count.Id == null) return count.Number;
        var depth = 0u;
        for (var s = scope; s != null; s = s.Parent, depth++)
        {
            if (s.Id == count.Id) return depth;
        }
        throw r.Error(count.Token, $"outer scope ${count.Id} not found");
    }

    /// <summary>The index an outer alias names in the scope <paramref name="count"/> levels out.</summary>
    private uint ResolveInScope(uint count, Space space, Reference target)
    {
        if (target.Id == null) return target.Number;
        var s = scope;
        for (var i = 0u; i < count && s != null; i++) s = s.Parent;
        if (s == null) throw r.Error(target.Token, $"outer count of {count} is too large");
        if (!s[space].TryGet(target.Id, out var index)) throw r.Error(target.Token, $"unknown {space.Describe()} ${target.Id}");
        return (uint)index;
    }

    /// <summary><c>(sort $id? (alias export $i "name"))</c>: the inline form of an alias definition.</summary>
    private void ParseInlineAlias(Token open, Space space, string? id, List<string> exports)
    {
        var aliasOpen = r.Current;
        r.Position += 2;
        var w = new ByteWriter();
        var core = r.AtKeyword("core");
        if (core) r.Next();
        if (r.AtKeyword("outer"))
        {
            r.Next();
            var count = ResolveOuterCount(ReadIndex());
            var index = ResolveInScope(count, space, ReadIndex());
            space.WriteSort(w);
            w.Byte(0x02);
            w.U32(count);
            w.U32(index);
        }
        else
        {
            r.ExpectKeyword("export");
            var instance = ResolveIndex(core ? Space.CoreInstance : Space.Instance, ReadIndex());
            var name = r.ReadName();
            space.WriteSort(w);
            w.Byte(core ? 0x01 : 0x00);
            w.U32(instance);
            w.Name(name);
        }
        ExpectClose(aliasOpen);
        ExpectClose(open);
        scope.Emit(DefinitionKind.Alias, w.ToArray());
        AddInlineExports(exports, space, (uint)scope[space].Add(id, open));
    }

    private void ParseFunc(Token open)
    {
        var id = r.TryId();
        var exports = ReadInlineExports();
        if (AtInlineImport)
        {
            var name = ReadInlineImport();
            var type = ReadFuncTypeUse(open);
            ExpectClose(open);
            EmitImport(name, 0x01, type, Space.Func, id, open, exports);
            return;
        }
        if (r.AtForm("alias"))
        {
            ParseInlineAlias(open, Space.Func, id, exports);
            return;
        }
        var typeIndex = ReadFuncTypeUse(open, stopAtCanon: true);
        var canonOpen = r.Current;
        if (!r.AtForm("canon")) throw r.Error(canonOpen, "expected (canon lift ...)");
        r.Position += 2;
        r.ExpectKeyword("lift");
        var lift = ReadLiftBody(typeIndex);
        ExpectClose(canonOpen);
        ExpectClose(open);
        scope.Emit(DefinitionKind.Canon, lift);
        AddInlineExports(exports, Space.Func, (uint)scope[Space.Func].Add(id, open));
    }

    private void ParseImport(Token open)
    {
        var name = ReadNameAndAttributes();
        var (space, id, bytes, token) = ReadExternType();
        ExpectClose(open);
        var w = new ByteWriter();
        w.Bytes(name);
        w.Bytes(bytes);
        scope.Emit(DefinitionKind.Import, w.ToArray());
        scope[space].Add(id, token);
    }

    private void ParseExport(Token open)
    {
        var id = r.TryId();
        var name = ReadNameAndAttributes();
        var (space, index) = ReadSortedReference();
        var w = new ByteWriter();
        w.Bytes(name);
        space.WriteSort(w);
        w.U32(index);
        if (r.AtLeftParen)
        {
            var (_, _, type, _) = ReadExternType();
            w.Byte(0x01);
            w.Bytes(type);
        }
        else
        {
            w.Byte(0x00);
        }
        ExpectClose(open);
        scope.Emit(DefinitionKind.Export, w.ToArray());
        scope[space].Add(id, open);
    }

    private void ParseStart(Token open)
    {
        var func = ReadReference(Space.Func);
        var args = new List<uint>();
        while (r.AtForm("value"))
        {
            var valueOpen = r.Current;
            r.Position += 2;
            args.Add(Resolve(Space.Value, ReadIndexAndNames()));
            ExpectClose(valueOpen);
        }
        var results = new List<(string?, Token)>();
        while (r.AtForm("result"))
        {
            var resultOpen = r.Current;
            r.Position += 2;
            var valueOpen = r.Current;
            r.ExpectLeftParen();
            r.ExpectKeyword("value");
            results.Add((r.TryId(), valueOpen));
            ExpectClose(valueOpen);
            ExpectClose(resultOpen);
        }
        ExpectClose(open);
        var w = new ByteWriter();
        w.U32(func);
        w.U32((uint)args.Count);
        foreach (var arg in args) w.U32(arg);
        w.U32((uint)results.Count);
        scope.Emit(DefinitionKind.Start, w.ToArray());
        foreach (var (resultId, token) in results) scope[Space.Value].Add(resultId, token);
    }

    /// <summary>
    /// An import or export name and its attributes (<c>(versionsuffix "x")</c>, <c>(implements "i")</c>,
    /// <c>(external-id "n")</c>), encoded as <c>nameattributes</c>.
    /// </summary>
    private byte[] ReadNameAndAttributes()
    {
        var name = r.ReadName();
        var attributes = new List<byte[]>();
        while (true)
        {
            var open = r.Current;
            byte code;
            if (r.AtForm("implements")) code = 0x00;
            else if (r.AtForm("versionsuffix")) code = 0x01;
            else if (r.AtForm("external-id")) code = 0x02;
            else break;
            r.Position += 2;
            var a = new ByteWriter();
            a.Byte(code);
            a.Name(r.ReadName());
            ExpectClose(open);
            attributes.Add(a.ToArray());
        }
        var w = new ByteWriter();
        if (attributes.Count == 0)
        {
            w.Byte(0x00);
            w.Name(name);
            return w.ToArray();
        }
        w.Byte(0x02);
        w.Name(name);
        w.U32((uint)attributes.Count);
        foreach (var a in attributes) w.Bytes(a);
        return w.ToArray();
    }
}
