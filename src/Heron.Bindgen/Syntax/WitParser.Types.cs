using System.Collections.Generic;

namespace Heron.Bindgen.Syntax;

internal sealed partial class WitParser
{
    /// <summary>A type expression: a primitive, list, option, result, tuple, handle or named type.</summary>
    private TypeSyntax ParseType()
    {
        var token = Current;
        var primitive = token.Kind switch
        {
            TokenKind.Bool => PrimitiveKind.Bool,
            TokenKind.S8 => PrimitiveKind.S8,
            TokenKind.U8 => PrimitiveKind.U8,
            TokenKind.S16 => PrimitiveKind.S16,
            TokenKind.U16 => PrimitiveKind.U16,
            TokenKind.S32 => PrimitiveKind.S32,
            TokenKind.U32 => PrimitiveKind.U32,
            TokenKind.S64 => PrimitiveKind.S64,
            TokenKind.U64 => PrimitiveKind.U64,
            TokenKind.F32 => PrimitiveKind.F32,
            TokenKind.F64 => PrimitiveKind.F64,
            TokenKind.Char => PrimitiveKind.Char,
            TokenKind.String_ => PrimitiveKind.String,
            _ => (PrimitiveKind?)null,
        };
        if (primitive is { } kind)
        {
            Advance();
            return new PrimitiveTypeSyntax(kind, token.Start, token.End);
        }
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                return new NamedTypeSyntax(ParseName());
            case TokenKind.List:
            {
                Advance();
                Expect(TokenKind.Less, "'<'");
                var element = ParseType();
                if (Current.Kind == TokenKind.Comma)
                    throw Error(Diagnostics.Unsupported, Current, "fixed-length lists (list<T, N>) are not supported");
                var end = Expect(TokenKind.Greater, "'>'").End;
                return new ListTypeSyntax(element, token.Start, end);
            }
            case TokenKind.Option:
            {
                Advance();
                Expect(TokenKind.Less, "'<'");
                var inner = ParseType();
                var end = Expect(TokenKind.Greater, "'>'").End;
                return new OptionTypeSyntax(inner, token.Start, end);
            }
            case TokenKind.Result:
            {
                Advance();
                if (!Accept(TokenKind.Less)) return new ResultTypeSyntax(null, null, token.Start, token.End);
                TypeSyntax? ok = null;
                TypeSyntax? error = null;
                if (Accept(TokenKind.Underscore))
                {
                    Expect(TokenKind.Comma, "',' and the error type after '_'");
                    error = ParseType();
                }
                else
                {
                    ok = ParseType();
                    if (Accept(TokenKind.Comma)) error = ParseType();
                }
                var end = Expect(TokenKind.Greater, "'>'").End;
                return new ResultTypeSyntax(ok, error, token.Start, end);
            }
            case TokenKind.Tuple:
            {
                Advance();
                Expect(TokenKind.Less, "'<'");
                var elements = new List<TypeSyntax>();
                do
                {
                    if (Current.Kind == TokenKind.Greater && elements.Count > 0) break;
                    elements.Add(ParseType());
                }
                while (Accept(TokenKind.Comma));
                var end = Expect(TokenKind.Greater, "'>'").End;
                return new TupleTypeSyntax(elements, token.Start, end);
            }
            case TokenKind.Borrow:
            case TokenKind.Own:
            {
                Advance();
                Expect(TokenKind.Less, "'<'");
                var resource = ParseName();
                var end = Expect(TokenKind.Greater, "'>'").End;
                return new HandleTypeSyntax(resource, token.Kind == TokenKind.Borrow, token.Start, end);
            }
            case TokenKind.Map:
            case TokenKind.Future:
            case TokenKind.Stream:
            case TokenKind.ErrorContext:
                throw Error(Diagnostics.Unsupported, token, $"the type '{token.Text}' is not supported (maps, streams, futures and error contexts are not implemented)");
            default:
                throw Error(Diagnostics.Syntax, token, $"expected a type, found {token}");
        }
    }
}
