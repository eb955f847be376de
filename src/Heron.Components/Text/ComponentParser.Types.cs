using Heron.Text;

namespace Heron.Components.Text;

internal sealed partial class ComponentParser
{
    private static byte? PrimitiveCode(string keyword) => keyword switch
    {
        "bool" => 0x7f,
        "s8" => 0x7e,
        "u8" => 0x7d,
        "s16" => 0x7c,
        "u16" => 0x7b,
        "s32" => 0x7a,
        "u32" => 0x79,
        "s64" => 0x78,
        "u64" => 0x77,
        "f32" or "float32" => 0x76,
        "f64" or "float64" => 0x75,
        "char" => 0x74,
        "string" => 0x73,
        "error-context" => 0x64,
        _ => null,
    };

    /// <summary><c>(type $id? (export "n")* deftype)</c> after its keyword.</summary>
    private void ParseTypeDefinition(Token open, bool allowExports)
    {
        var id = r.TryId();
        var exports = allowExports ? ReadInlineExports() : [];
        if (r.AtForm("alias"))
        {
            ParseInlineAlias(open, Space.Type, id, exports);
            return;
        }
        var w = new ByteWriter();
        WriteDefType(w, id);
        ExpectClose(open);
        scope.Emit(DefinitionKind.Type, w.ToArray());
        AddInlineExports(exports, Space.Type, (uint)scope[Space.Type].Add(id, open));
    }

    /// <summary>A type definition: a value type, a resource, a function, component or instance type.</summary>
    private void WriteDefType(ByteWriter w, string? id)
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword)
        {
            var code = PrimitiveCode(r.TextString(token)) ?? throw r.Error(token, "expected a type");
            r.Next();
            w.Byte(code);
            return;
        }
        if (!r.AtLeftParen) throw r.Error(token, "expected a type");
        var keyword = r.Peek();
        var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
        switch (word)
        {
            case "func":
                r.Position += 2;
                WriteFuncType(w);
                ExpectClose(token);
                return;
            case "component":
            case "instance":
                r.Position += 2;
                WriteTypeScope(w, word == "component" ? ScopeKind.ComponentType : ScopeKind.InstanceType, id);
                ExpectClose(token);
                return;
            case "resource":
                r.Position += 2;
                WriteResourceType(w);
                ExpectClose(token);
                return;
            default:
                WriteDefValType(w);
                return;
        }
    }

    /// <summary>The declarators of a component or instance type, in a scope of their own.</summary>
    private void WriteTypeScope(ByteWriter w, ScopeKind kind, string? id)
    {
        var outer = scope;
        scope = new Scope(kind, id, outer);
        while (r.AtLeftParen) ParseDeclarator();
        scope.EncodeType(w);
        scope = outer;
    }

    private void ParseDeclarator()
    {
        var open = r.Current;
        var keyword = r.Peek();
        var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
        switch (word)
        {
            case "import" when scope.Kind == ScopeKind.ComponentType:
            case "export":
            {
                r.Position += 2;
                var name = ReadNameAndAttributes();
                var (space, id, bytes, token) = ReadExternType();
                ExpectClose(open);
                var d = new ByteWriter();
                d.Bytes(name);
                d.Bytes(bytes);
                scope.Emit(word == "import" ? DefinitionKind.Import : DefinitionKind.Export, d.ToArray());
                scope[space].Add(id, token);
                return;
            }
            case "type": r.Position += 2; ParseTypeDefinition(open, allowExports: false); return;
            case "alias": r.Position += 2; ParseAlias(open); return;
            case "core" when r.IsKeyword(r.Peek(2), "type"): r.Position += 3; ParseCoreType(open); return;
            default: throw r.Error(keyword, scope.Kind == ScopeKind.ComponentType ? "expected a component type declarator" : "expected an instance type declarator");
        }
    }

    private void WriteResourceType(ByteWriter w)
    {
        w.Byte(0x3f);
        var repOpen = r.Current;
        if (!r.AtForm("rep")) throw r.Error(repOpen, "expected (rep i32)");
        r.Position += 2;
        if (r.AtKeyword("i32")) w.Byte(0x7f);
        else if (r.AtKeyword("i64")) w.Byte(0x7e);
        else throw r.Error(r.Current, "expected i32 or i64");
        r.Next();
        ExpectClose(repOpen);
        if (r.AtForm("dtor"))
        {
            var dtorOpen = r.Current;
            r.Position += 2;
            var dtor = ReadCoreReference(Space.CoreFunc);
            ExpectClose(dtorOpen);
            w.Byte(0x01);
            w.U32(dtor);
        }
        else
        {
            w.Byte(0x00);
        }
    }

    /// <summary>The body of a function type after <c>func</c>: <c>async? (param "l" t)* (result t)?</c>.</summary>
    private void WriteFuncType(ByteWriter w)
    {
        var isAsync = r.AtKeyword("async");
        if (isAsync) r.Next();
        w.Byte(isAsync ? 0x43 : 0x40);
        var parameters = new ByteWriter();
        var count = 0u;
        while (r.AtForm("param"))
        {
            var open = r.Current;
            r.Position += 2;
            parameters.Name(ReadLabel());
            WriteValType(parameters);
            ExpectClose(open);
            count++;
        }
        w.U32(count);
        w.Bytes(parameters);
        if (r.AtForm("result"))
        {
            var open = r.Current;
            r.Position += 2;
            w.Byte(0x00);
            WriteValType(w);
            ExpectClose(open);
        }
        else
        {
            w.Byte(0x01);
            w.Byte(0x00);
        }
    }

    private string ReadLabel()
    {
        if (r.Current.Kind != TokenKind.String) throw r.Error(r.Current, "expected a label");
        return r.ReadName();
    }

    /// <summary>
    /// A value type: a primitive, a reference to a defined type, or a defined type written inline, which
    /// becomes a type definition of its own emitted first.
    /// </summary>
    private void WriteValType(ByteWriter w)
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword)
        {
            var code = PrimitiveCode(r.TextString(token)) ?? throw r.Error(token, "expected a value type");
            r.Next();
            w.Byte(code);
            return;
        }
        if (token.Kind is TokenKind.Id or TokenKind.Number)
        {
            // Type indices share the code space of the primitives: a non-negative signed LEB128.
            w.S64(Resolve(Space.Type, ReadIndexAndNames()));
            return;
        }
        if (!r.AtLeftParen) throw r.Error(token, "expected a value type");
        if (r.IsKeyword(r.Peek(), "type"))
        {
            w.S64(ReadReference(Space.Type));
            return;
        }
        var inline = new ByteWriter();
        WriteDefValType(inline);
        scope.Emit(DefinitionKind.Type, inline.ToArray());
        w.S64(scope[Space.Type].Add(null, token));
    }

    private void WriteOptionalValType(ByteWriter w)
    {
        if (r.AtRightParen || r.AtForm("error"))
        {
            w.Byte(0x00);
            return;
        }
        w.Byte(0x01);
        WriteValType(w);
    }

    /// <summary>A defined value type: a primitive or one of the parenthesized constructors.</summary>
    private void WriteDefValType(ByteWriter w)
    {
        var open = r.Current;
        if (open.Kind == TokenKind.Keyword)
        {
            var code = PrimitiveCode(r.TextString(open)) ?? throw r.Error(open, "expected a value type");
            r.Next();
            w.Byte(code);
            return;
        }
        if (!r.AtLeftParen) throw r.Error(open, "expected a value type");
        var keyword = r.Peek();
        var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
        r.Position += 2;
        switch (word)
        {
            case "record":
            {
                w.Byte(0x72);
                var fields = new ByteWriter();
                var count = 0u;
                while (r.AtForm("field"))
                {
                    var fieldOpen = r.Current;
                    r.Position += 2;
                    fields.Name(ReadLabel());
                    WriteValType(fields);
                    ExpectClose(fieldOpen);
                    count++;
                }
                w.U32(count);
                w.Bytes(fields);
                break;
            }
            case "variant":
            {
                w.Byte(0x71);
                var cases = new ByteWriter();
                var count = 0u;
                while (r.AtForm("case"))
                {
                    var caseOpen = r.Current;
                    r.Position += 2;
                    r.TryId();
                    cases.Name(ReadLabel());
                    if (r.AtRightParen || r.AtForm("refines")) cases.Byte(0x00);
                    else
                    {
                        cases.Byte(0x01);
                        WriteValType(cases);
                    }
                    if (r.AtForm("refines")) throw r.Error(r.Current, "variant case refinements are not supported");
                    cases.Byte(0x00);
                    ExpectClose(caseOpen);
                    count++;
                }
                w.U32(count);
                w.Bytes(cases);
                break;
            }
            case "list":
            {
                var element = new ByteWriter();
                WriteValType(element);
                if (r.AtNat)
                {
                    w.Byte(0x67);
                    w.Bytes(element);
                    w.U32(r.ReadU32());
                }
                else
                {
                    w.Byte(0x70);
                    w.Bytes(element);
                }
                break;
            }
            case "tuple":
            {
                w.Byte(0x6f);
                var elements = new ByteWriter();
                var count = 0u;
                while (!r.AtRightParen && !r.AtEnd)
                {
                    WriteValType(elements);
                    count++;
                }
                w.U32(count);
                w.Bytes(elements);
                break;
            }
            case "flags":
            case "enum":
            {
                w.Byte(word == "flags" ? 0x6e : 0x6d);
                var labels = new List<string>();
                while (r.Current.Kind == TokenKind.String) labels.Add(r.ReadName());
                w.U32((uint)labels.Count);
                foreach (var label in labels) w.Name(label);
                break;
            }
            case "option":
                w.Byte(0x6b);
                WriteValType(w);
                break;
            case "result":
            {
                w.Byte(0x6a);
                WriteOptionalValType(w);
                if (r.AtForm("error"))
                {
                    var errorOpen = r.Current;
                    r.Position += 2;
                    w.Byte(0x01);
                    WriteValType(w);
                    ExpectClose(errorOpen);
                }
                else
                {
                    w.Byte(0x00);
                }
                break;
            }
            case "own":
            case "borrow":
                w.Byte(word == "own" ? 0x69 : 0x68);
                w.U32(Resolve(Space.Type, ReadIndexAndNames()));
                break;
            case "stream":
            case "future":
                w.Byte(word == "stream" ? 0x66 : 0x65);
                WriteOptionalValType(w);
                break;
            case "map":
                w.Byte(0x63);
                WriteValType(w);
                WriteValType(w);
                break;
            default:
                throw r.Error(keyword, "expected a value type");
        }
        ExpectClose(open);
    }

    /// <summary>
    /// The type of a function import or lift: <c>(type idx)</c>, or a function type written inline, which
    /// becomes a type definition emitted first. Returns the type index.
    /// </summary>
    private uint ReadFuncTypeUse(Token at, bool stopAtCanon = false)
    {
        if (AtTypeUse)
        {
            var open = r.Current;
            r.Position += 2;
            var index = Resolve(Space.Type, ReadIndexAndNames());
            ExpectClose(open);
            return index;
        }
        var w = new ByteWriter();
        WriteFuncType(w);
        if (!stopAtCanon && !r.AtRightParen) throw r.Error(r.Current, "unexpected token in a function type");
        scope.Emit(DefinitionKind.Type, w.ToArray());
        return (uint)scope[Space.Type].Add(null, at);
    }

    /// <summary>The type of a component or instance import: <c>(type idx)</c> or declarators written inline.</summary>
    private uint ReadComponentTypeUse(ScopeKind kind, Token at)
    {
        if (AtTypeUse)
        {
            var open = r.Current;
            r.Position += 2;
            var index = Resolve(Space.Type, ReadIndexAndNames());
            ExpectClose(open);
            return index;
        }
        var w = new ByteWriter();
        WriteTypeScope(w, kind, null);
        scope.Emit(DefinitionKind.Type, w.ToArray());
        return (uint)scope[Space.Type].Add(null, at);
    }

    /// <summary>
    /// An extern type with its bound id: <c>(func $f? ...)</c>, <c>(component ...)</c>, <c>(instance ...)</c>,
    /// <c>(core module ...)</c>, <c>(value ...)</c>, <c>(type $t? (eq i) | (sub resource))</c>.
    /// </summary>
    private (Space Space, string? Id, byte[] Bytes, Token Token) ReadExternType()
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var space = ReadSortKeyword();
        var id = r.TryId();
        var w = new ByteWriter();
        switch (space)
        {
            case Space.Func:
                w.Byte(0x01);
                w.U32(ReadFuncTypeUse(open));
                break;
            case Space.Component:
                w.Byte(0x04);
                w.U32(ReadComponentTypeUse(ScopeKind.ComponentType, open));
                break;
            case Space.Instance:
                w.Byte(0x05);
                w.U32(ReadComponentTypeUse(ScopeKind.InstanceType, open));
                break;
            case Space.CoreModule:
                w.Byte(0x00);
                w.Byte(0x11);
                w.U32(ReadModuleTypeUse(open));
                break;
            case Space.Value:
                w.Byte(0x02);
                if (r.AtForm("eq"))
                {
                    var eqOpen = r.Current;
                    r.Position += 2;
                    w.Byte(0x00);
                    w.U32(Resolve(Space.Value, ReadIndexAndNames()));
                    ExpectClose(eqOpen);
                }
                else
                {
                    w.Byte(0x01);
                    WriteValType(w);
                }
                break;
            case Space.Type:
            {
                w.Byte(0x03);
                var boundOpen = r.Current;
                if (r.AtForm("eq"))
                {
                    r.Position += 2;
                    w.Byte(0x00);
                    w.U32(Resolve(Space.Type, ReadIndexAndNames()));
                }
                else if (r.AtForm("sub"))
                {
                    r.Position += 2;
                    r.ExpectKeyword("resource");
                    w.Byte(0x01);
                }
                else
                {
                    throw r.Error(boundOpen, "expected (eq idx) or (sub resource)");
                }
                ExpectClose(boundOpen);
                break;
            }
            default:
                throw r.Error(open, $"a {space.Describe()} is not an extern type");
        }
        ExpectClose(open);
        return (space, id, w.ToArray(), open);
    }
}
