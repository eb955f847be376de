using Heron.Text;

namespace Heron.Components.Text;

internal sealed partial class ComponentParser
{
    /// <summary>
    /// <c>(core module $id? (export "n")* field*)</c> after <c>module</c>: the fields go to the core text
    /// parser as a <c>(module ...)</c> whose <c>core</c> keyword and inline exports are blanked out, so its
    /// errors keep their lines and columns.
    /// </summary>
    private void ParseCoreModule(Token open)
    {
        var openIndex = r.Position - 3;
        var id = r.TryId();
        var blanks = new List<(int Start, int End)> { (r.TokenAt(openIndex + 1).Start, r.TokenAt(openIndex + 1).End) };
        var exports = new List<string>();
        while (r.AtForm("export") && r.Peek(2).Kind == TokenKind.String && r.Peek(3).Kind == TokenKind.RightParen)
        {
            var start = r.Current.Start;
            r.Position += 2;
            exports.Add(r.ReadName());
            blanks.Add((start, r.Next().End));
        }
        if (AtInlineImport)
        {
            var name = ReadInlineImport();
            var type = ReadModuleTypeUse(open);
            ExpectClose(open);
            EmitImport(name, 0x00, type, Space.CoreModule, id, open, exports);
            return;
        }
        r.Position = openIndex;
        r.SkipForm();
        var close = r.TokenAt(r.Position - 1);
        var text = r.Source.ToCharArray(open.Start, close.End - open.Start);
        foreach (var (start, end) in blanks)
        {
            for (var i = start; i < end; i++)
            {
                if (text[i - open.Start] is not ('\n' or '\r')) text[i - open.Start] = ' ';
            }
        }
        var module = WatParser.ParseModule(new string(text), open.Line, open.Column);
        scope.Emit(DefinitionKind.CoreModule, module);
        AddInlineExports(exports, Space.CoreModule, (uint)scope[Space.CoreModule].Add(id, open));
    }

    /// <summary><c>(core instance $id? (instantiate $m (with "n" (instance ...))*))</c> or inline exports, after <c>instance</c>.</summary>
    private void ParseCoreInstance(Token open)
    {
        var id = r.TryId();
        var w = new ByteWriter();
        if (r.AtForm("instantiate"))
        {
            var instantiate = r.Current;
            r.Position += 2;
            var module = ReadReference(Space.CoreModule, coreModule: true);
            var args = new List<byte[]>();
            while (r.AtForm("with"))
            {
                var withOpen = r.Current;
                r.Position += 2;
                var arg = new ByteWriter();
                arg.Name(r.ReadName());
                var instanceOpen = r.Current;
                if (!r.AtForm("instance")) throw r.Error(instanceOpen, "expected (instance ...)");
                uint index;
                if (r.Peek(2).Kind is TokenKind.LeftParen or TokenKind.RightParen)
                {
                    r.Position += 2;
                    var bundle = new ByteWriter();
                    bundle.Byte(0x01);
                    WriteCoreExportBundle(bundle);
                    ExpectClose(instanceOpen);
                    scope.Emit(DefinitionKind.CoreInstance, bundle.ToArray());
                    index = (uint)scope[Space.CoreInstance].Add(null, instanceOpen);
                }
                else
                {
                    index = ReadCoreReference(Space.CoreInstance);
                }
                ExpectClose(withOpen);
                arg.Byte(0x12);
                arg.U32(index);
                args.Add(arg.ToArray());
            }
            ExpectClose(instantiate);
            w.Byte(0x00);
            w.U32(module);
            w.U32((uint)args.Count);
            foreach (var arg in args) w.Bytes(arg);
        }
        else
        {
            w.Byte(0x01);
            WriteCoreExportBundle(w);
        }
        ExpectClose(open);
        scope.Emit(DefinitionKind.CoreInstance, w.ToArray());
        scope[Space.CoreInstance].Add(id, open);
    }

    /// <summary>A component reference to a core module: <c>$m</c> or <c>(core module $m)</c> / <c>(module $m)</c>.</summary>
    private uint ReadReference(Space space, bool coreModule)
    {
        _ = coreModule;
        return ReadCoreReference(space);
    }

    /// <summary>The <c>(export "n" (func $f))*</c> of a core instance made of exports, as a vector.</summary>
    private void WriteCoreExportBundle(ByteWriter w)
    {
        var items = new List<byte[]>();
        while (r.AtForm("export"))
        {
            var open = r.Current;
            r.Position += 2;
            var item = new ByteWriter();
            item.Name(r.ReadName());
            var sortOpen = r.Current;
            r.ExpectLeftParen();
            if (r.AtKeyword("core")) r.Next();
            var keyword = r.Current;
            var space = keyword.Kind == TokenKind.Keyword ? Spaces.CoreFromKeyword(r.TextString(keyword)) : null;
            if (space == null) throw r.Error(keyword, "expected a core sort");
            r.Next();
            var index = Resolve(space.Value, ReadIndexAndNames());
            ExpectClose(sortOpen);
            ExpectClose(open);
            item.Byte(space.Value.CoreSortByte());
            item.U32(index);
            items.Add(item.ToArray());
        }
        w.U32((uint)items.Count);
        foreach (var item in items) w.Bytes(item);
    }

    /// <summary><c>(core type $id? deftype)</c> after <c>type</c>: a module type, or a core type definition.</summary>
    private void ParseCoreType(Token open)
    {
        var id = r.TryId();
        byte[] bytes;
        if (r.AtForm("module"))
        {
            var moduleOpen = r.Current;
            r.Position += 2;
            var w = new ByteWriter();
            WriteModuleType(w, id);
            ExpectClose(moduleOpen);
            bytes = w.ToArray();
        }
        else
        {
            bytes = ReadCoreDefType(prefixSub: true);
        }
        ExpectClose(open);
        scope.Emit(DefinitionKind.CoreType, bytes);
        scope[Space.CoreType].Add(id, open);
    }

    /// <summary><c>(core rec (type ...)*)</c> after <c>rec</c>: one definition adding a type per member.</summary>
    private void ParseCoreRec(Token open)
    {
        var ids = new List<(string?, Token)>();
        for (var i = r.Position; r.TokenAt(i).Kind == TokenKind.LeftParen; )
        {
            var typeToken = r.TokenAt(i);
            ids.Add((r.TokenAt(i + 2).Kind == TokenKind.Id ? r.IdName(r.TokenAt(i + 2)) : null, typeToken));
            var saved = r.Position;
            r.Position = i;
            r.SkipForm();
            i = r.Position;
            r.Position = saved;
        }
        var start = r.Current;
        r.Position -= 3;
        r.SkipForm();
        var close = r.TokenAt(r.Position - 1);
        var text = "(rec " + r.Source[start.Start..close.Start] + ")";
        var bytes = CoreFragments.TypeEntry("(module ", text, ")", start.Line, start.Column - 5);
        scope.Emit(DefinitionKind.CoreType, bytes);
        foreach (var (id, token) in ids) scope[Space.CoreType].Add(id, token);
        _ = open;
    }

    /// <summary>
    /// A core type definition (<c>(func ...)</c>, <c>(struct ...)</c>, <c>(sub ...)</c>) encoded by the core
    /// parser. A non-final <c>sub</c> is prefixed by 0x00 where it could be read as a module type.
    /// </summary>
    private byte[] ReadCoreDefType(bool prefixSub)
    {
        var start = r.Current;
        if (!r.AtLeftParen) throw r.Error(start, "expected a core type");
        r.SkipForm();
        var end = r.TokenAt(r.Position - 1);
        var bytes = CoreFragments.TypeEntry("(module (type ", r.Source[start.Start..end.End], "))", start.Line, start.Column);
        return prefixSub && bytes.Length > 0 && bytes[0] == 0x50 ? [0x00, .. bytes] : bytes;
    }

    /// <summary>The type of a core module import: <c>(type idx)</c> or module declarators written inline.</summary>
    private uint ReadModuleTypeUse(Token at)
    {
        if (AtTypeUse)
        {
            var open = r.Current;
            r.Position += 2;
            var index = Resolve(Space.CoreType, ReadIndexAndNames());
            ExpectClose(open);
            return index;
        }
        var w = new ByteWriter();
        WriteModuleType(w, null);
        scope.Emit(DefinitionKind.CoreType, w.ToArray());
        return (uint)scope[Space.CoreType].Add(null, at);
    }

    /// <summary>The declarators of a module type, in a scope of their own (module types start with no types).</summary>
    private void WriteModuleType(ByteWriter w, string? id)
    {
        var outer = scope;
        scope = new Scope(ScopeKind.ModuleType, id, outer);
        while (r.AtLeftParen)
        {
            var open = r.Current;
            var keyword = r.Peek();
            var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
            r.Position += 2;
            switch (word)
            {
                case "import":
                {
                    var d = new ByteWriter();
                    d.Name(r.ReadName());
                    d.Name(r.ReadName());
                    d.Bytes(ReadCoreExternType());
                    ExpectClose(open);
                    scope.Emit(DefinitionKind.Import, d.ToArray());
                    break;
                }
                case "export":
                {
                    var d = new ByteWriter();
                    d.Name(r.ReadName());
                    d.Bytes(ReadCoreExternType());
                    ExpectClose(open);
                    scope.Emit(DefinitionKind.Export, d.ToArray());
                    break;
                }
                case "type":
                {
                    var typeId = r.TryId();
                    var bytes = ReadCoreDefType(prefixSub: true);
                    ExpectClose(open);
                    scope.Emit(DefinitionKind.CoreType, bytes);
                    var index = (uint)scope[Space.CoreType].Add(typeId, open);
                    if (bytes[0] == 0x60) scope.CoreFuncTypes.TryAdd(Convert.ToHexString(bytes), index);
                    break;
                }
                case "alias":
                {
                    r.ExpectKeyword("outer");
                    var count = ResolveOuterCount(ReadIndex());
                    var target = ReadIndex();
                    var sortOpen = r.Current;
                    r.ExpectLeftParen();
                    r.ExpectKeyword("type");
                    var aliasId = r.TryId();
                    ExpectClose(sortOpen);
                    ExpectClose(open);
                    var d = new ByteWriter();
                    d.Byte(0x10);
                    d.Byte(0x01);
                    d.U32(count);
                    d.U32(ResolveInScope(count, Space.CoreType, target));
                    scope.Emit(DefinitionKind.Alias, d.ToArray());
                    scope[Space.CoreType].Add(aliasId, open);
                    break;
                }
                default:
                    throw r.Error(keyword, "expected a module type declarator");
            }
        }
        scope.EncodeType(w);
        scope = outer;
    }

    /// <summary>A core extern type in a module type: a function's type index, or a table, memory, global or tag.</summary>
    private byte[] ReadCoreExternType()
    {
        var open = r.Current;
        var keyword = r.Peek();
        var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
        if (word is "func" or "tag")
        {
            r.Position += 2;
            r.TryId();
            var w = new ByteWriter();
            if (word == "tag")
            {
                w.Byte(0x04);
                w.Byte(0x00);
            }
            else
            {
                w.Byte(0x00);
            }
            w.U32(ReadCoreFuncTypeUse());
            ExpectClose(open);
            return w.ToArray();
        }
        if (word is not ("table" or "memory" or "global")) throw r.Error(keyword, "expected a core extern type");
        r.SkipForm();
        var close = r.TokenAt(r.Position - 1);
        return CoreFragments.ImportDescriptor(r.Source[open.Start..close.End], open.Line, open.Column);
    }

    /// <summary>A core function's type in a module type: <c>(type idx)</c>, or a signature that reuses or adds a type.</summary>
    private uint ReadCoreFuncTypeUse()
    {
        if (r.AtForm("type"))
        {
            var open = r.Current;
            r.Position += 2;
            var index = Resolve(Space.CoreType, ReadIndexAndNames());
            ExpectClose(open);
            // A signature written after the type use must agree with it; the validator checks types.
            while (r.AtForm("param") || r.AtForm("result")) r.SkipForm();
            return index;
        }
        var start = r.Current;
        while (r.AtLeftParen) r.SkipForm();
        var text = r.Source[start.Start..r.Current.Start];
        var bytes = CoreFragments.TypeEntry("(module (type (func ", text, ")))", start.Line, start.Column);
        var key = Convert.ToHexString(bytes);
        if (scope.CoreFuncTypes.TryGetValue(key, out var existing)) return existing;
        scope.Emit(DefinitionKind.CoreType, bytes);
        var index2 = (uint)scope[Space.CoreType].Add(null, start);
        scope.CoreFuncTypes[key] = index2;
        return index2;
    }
}
