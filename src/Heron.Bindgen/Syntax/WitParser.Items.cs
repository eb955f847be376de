using System.Collections.Generic;

namespace Heron.Bindgen.Syntax;

internal sealed partial class WitParser
{
    /// <summary><c>'{' interface-items* '}'</c>.</summary>
    private List<ItemSyntax> ParseInterfaceBody()
    {
        Expect(TokenKind.LeftBrace, "'{'");
        var items = new List<ItemSyntax>();
        while (!Accept(TokenKind.RightBrace))
        {
            var doc = CurrentDoc;
            var unstable = SkipGates(out var gateDoc);
            doc ??= gateDoc;
            ItemSyntax item = Current.Kind switch
            {
                TokenKind.Use => ParseUse(),
                TokenKind.Identifier => ParseFunctionItem(doc),
                TokenKind.EndOfFile => throw Error(Diagnostics.Syntax, Current, "expected '}' to close the interface"),
                _ => ParseTypeDef(doc) ?? throw Error(Diagnostics.Syntax, Current, $"expected a type, function or 'use' in the interface, found {Current}"),
            };
            if (!unstable) items.Add(item);
        }
        return items;
    }

    /// <summary><c>'{' world-items* '}'</c>: imports, exports, includes, uses and type definitions.</summary>
    private List<ItemSyntax> ParseWorldBody()
    {
        Expect(TokenKind.LeftBrace, "'{'");
        var items = new List<ItemSyntax>();
        while (!Accept(TokenKind.RightBrace))
        {
            var doc = CurrentDoc;
            var unstable = SkipGates(out var gateDoc);
            doc ??= gateDoc;
            ItemSyntax item;
            switch (Current.Kind)
            {
                case TokenKind.Import:
                case TokenKind.Export:
                    item = ParseExtern(doc);
                    break;
                case TokenKind.Include:
                    item = ParseInclude();
                    break;
                case TokenKind.Use:
                    item = ParseUse();
                    break;
                case TokenKind.EndOfFile:
                    throw Error(Diagnostics.Syntax, Current, "expected '}' to close the world");
                default:
                    item = ParseTypeDef(doc) ?? throw Error(Diagnostics.Syntax, Current, $"expected 'import', 'export', 'include', 'use' or a type in the world, found {Current}");
                    break;
            }
            if (!unstable) items.Add(item);
        }
        return items;
    }

    /// <summary><c>import id ':' extern-type</c> or <c>import use-path ';'</c> (and the same for export).</summary>
    private ExternSyntax ParseExtern(string? doc)
    {
        var keyword = Advance();
        var isExport = keyword.Kind == TokenKind.Export;
        var start = keyword.Start;
        // `import a: ...` names a plain import; `import a;`, `import a:b/c;` import an interface by path.
        var labelled = Current.IsIdentifier && PeekAt(1).Kind == TokenKind.Colon
            && (PeekAt(2).SpaceBefore || PeekAt(1).SpaceBefore || !PeekAt(2).IsIdentifier);
        if (!labelled)
        {
            var path = ParseUsePath();
            Expect(TokenKind.Semicolon, "';'");
            return new ExternSyntax(isExport, null, null, null, path, doc, start, path.End);
        }
        var label = ParseName();
        Expect(TokenKind.Colon, "':'");
        switch (Current.Kind)
        {
            case TokenKind.Func:
            case TokenKind.Async:
            {
                var type = ParseFuncType();
                Expect(TokenKind.Semicolon, "';'");
                return new ExternSyntax(isExport, label, type, null, null, doc, start, type.End);
            }
            case TokenKind.Interface:
            {
                Advance();
                var items = ParseInterfaceBody();
                return new ExternSyntax(isExport, label, null, new InterfaceSyntax(label, items, doc), null, doc, start, label.End);
            }
            case TokenKind.Identifier:
                throw Error(Diagnostics.Unsupported, Current, "a plain-named import or export of an interface (`import name: path;`) is not supported");
            default:
                throw Error(Diagnostics.Syntax, Current, $"expected 'func' or 'interface' after '{label.Name}:', found {Current}");
        }
    }

    /// <summary><c>include use-path ('with' '{' id 'as' id, ... '}')? ';'</c>.</summary>
    private IncludeSyntax ParseInclude()
    {
        Advance();
        var path = ParseUsePath();
        var renames = new List<(NameSyntax, NameSyntax)>();
        if (Accept(TokenKind.With))
        {
            Expect(TokenKind.LeftBrace, "'{'");
            do
            {
                if (Current.Kind == TokenKind.RightBrace) break;
                var from = ParseName();
                Expect(TokenKind.As, "'as'");
                renames.Add((from, ParseName()));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightBrace, "'}'");
        }
        else
        {
            Expect(TokenKind.Semicolon, "';'");
            return new IncludeSyntax(path, renames);
        }
        Accept(TokenKind.Semicolon);
        return new IncludeSyntax(path, renames);
    }

    /// <summary><c>use use-path '.' '{' name ('as' name)?, ... '}' ';'</c>.</summary>
    private UseSyntax ParseUse()
    {
        Advance();
        var path = ParseUsePath();
        Expect(TokenKind.Dot, "'.' and a list of names in braces");
        Expect(TokenKind.LeftBrace, "'{'");
        var names = new List<UseNameSyntax>();
        do
        {
            if (Current.Kind == TokenKind.RightBrace && names.Count > 0) break;
            var name = ParseName();
            NameSyntax? alias = null;
            if (Accept(TokenKind.As)) alias = ParseName();
            names.Add(new UseNameSyntax(name, alias));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightBrace, "'}'");
        Expect(TokenKind.Semicolon, "';'");
        return new UseSyntax(path, names);
    }

    /// <summary><c>id ':' func-type ';'</c>.</summary>
    private FunctionSyntax ParseFunctionItem(string? doc)
    {
        var name = ParseName();
        Expect(TokenKind.Colon, "':' after the function name");
        var type = ParseFuncType();
        Expect(TokenKind.Semicolon, "';'");
        return new FunctionSyntax(name, type, doc);
    }

    /// <summary><c>'async'? 'func' '(' params ')' ('->' ty)?</c>.</summary>
    private FuncTypeSyntax ParseFuncType()
    {
        var start = Current.Start;
        if (Current.Kind == TokenKind.Async)
            throw Error(Diagnostics.Unsupported, Current, "async functions are not supported (the asynchronous ABI of WASI 0.3 is not implemented)");
        Expect(TokenKind.Func, "'func'");
        var parameters = ParseParameters();
        TypeSyntax? result = null;
        if (Accept(TokenKind.Arrow)) result = ParseType();
        return new FuncTypeSyntax(parameters, result, false, start, _tokens[_index - 1].End);
    }

    private List<FieldSyntax> ParseParameters()
    {
        Expect(TokenKind.LeftParen, "'('");
        var parameters = new List<FieldSyntax>();
        if (Accept(TokenKind.RightParen)) return parameters;
        do
        {
            if (Current.Kind == TokenKind.RightParen) break;
            var name = ParseName();
            Expect(TokenKind.Colon, "':' after the parameter name");
            parameters.Add(new FieldSyntax(name, ParseType(), null));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')'");
        return parameters;
    }

    /// <summary>A type definition item, or null when the current token starts none.</summary>
    private TypeDefSyntax? ParseTypeDef(string? doc)
    {
        switch (Current.Kind)
        {
            case TokenKind.Type:
            {
                Advance();
                var name = ParseName();
                Expect(TokenKind.Equals, "'='");
                var target = ParseType();
                Expect(TokenKind.Semicolon, "';'");
                return new AliasSyntax(name, target, doc);
            }
            case TokenKind.Record:
            {
                Advance();
                var name = ParseName();
                var fields = ParseBracedList(() =>
                {
                    var fieldDoc = CurrentDoc;
                    var field = ParseName();
                    Expect(TokenKind.Colon, "':' after the field name");
                    return new FieldSyntax(field, ParseType(), fieldDoc);
                });
                return new RecordSyntax(name, fields, doc);
            }
            case TokenKind.Variant:
            {
                Advance();
                var name = ParseName();
                var cases = ParseBracedList(() =>
                {
                    var caseDoc = CurrentDoc;
                    var label = ParseName();
                    TypeSyntax? payload = null;
                    if (Accept(TokenKind.LeftParen))
                    {
                        payload = ParseType();
                        Expect(TokenKind.RightParen, "')'");
                    }
                    return new CaseSyntax(label, payload, caseDoc);
                });
                return new VariantSyntax(name, cases, doc);
            }
            case TokenKind.Enum:
            {
                Advance();
                var name = ParseName();
                return new EnumSyntax(name, ParseBracedList(ParsePlainCase), doc);
            }
            case TokenKind.Flags:
            {
                Advance();
                var name = ParseName();
                return new FlagsSyntax(name, ParseBracedList(ParsePlainCase), doc);
            }
            case TokenKind.Resource:
                return ParseResource(doc);
            default:
                return null;
        }
    }

    private CaseSyntax ParsePlainCase()
    {
        var doc = CurrentDoc;
        return new CaseSyntax(ParseName(), null, doc);
    }

    /// <summary><c>'{' item (',' item)* ','? '}'</c>; an empty list parses (the resolver reports it).</summary>
    private List<T> ParseBracedList<T>(System.Func<T> parseItem)
    {
        Expect(TokenKind.LeftBrace, "'{'");
        var items = new List<T>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            items.Add(parseItem());
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightBrace, "',' or '}'");
        return items;
    }

    /// <summary><c>'resource' id ';'</c> or <c>'resource' id '{' (constructor | method | static)* '}'</c>.</summary>
    private ResourceSyntax ParseResource(string? doc)
    {
        Advance();
        var name = ParseName();
        var functions = new List<ResourceFunctionSyntax>();
        if (Accept(TokenKind.Semicolon)) return new ResourceSyntax(name, functions, doc);
        Expect(TokenKind.LeftBrace, "'{' or ';' after the resource name");
        while (!Accept(TokenKind.RightBrace))
        {
            var itemDoc = CurrentDoc;
            var unstable = SkipGates(out var gateDoc);
            itemDoc ??= gateDoc;
            ResourceFunctionSyntax function;
            if (Current.Kind == TokenKind.Constructor)
            {
                var keyword = Advance();
                var parameters = ParseParameters();
                TypeSyntax? result = null;
                if (Accept(TokenKind.Arrow)) result = ParseType();
                Expect(TokenKind.Semicolon, "';'");
                var type = new FuncTypeSyntax(parameters, result, false, keyword.Start, _tokens[_index - 1].End);
                function = new ResourceFunctionSyntax(ResourceFunctionKind.Constructor, new NameSyntax("constructor", keyword.Start, keyword.End), type, itemDoc);
            }
            else if (Current.IsIdentifier)
            {
                var functionName = ParseName();
                Expect(TokenKind.Colon, "':' after the function name");
                var isStatic = Accept(TokenKind.Static);
                var type = ParseFuncType();
                Expect(TokenKind.Semicolon, "';'");
                function = new ResourceFunctionSyntax(isStatic ? ResourceFunctionKind.Static : ResourceFunctionKind.Method, functionName, type, itemDoc);
            }
            else if (Current.Kind == TokenKind.EndOfFile)
            {
                throw Error(Diagnostics.Syntax, Current, "expected '}' to close the resource");
            }
            else
            {
                throw Error(Diagnostics.Syntax, Current, $"expected 'constructor' or a function in the resource, found {Current}");
            }
            if (!unstable) functions.Add(function);
        }
        return new ResourceSyntax(name, functions, doc);
    }
}
