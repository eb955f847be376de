using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Heron.Bindgen.Syntax;

/// <summary>
/// Splits WIT text into tokens. Comments are whitespace, except documentation comments (<c>///</c> and
/// <c>/** */</c>), which are kept per token so the generated C# can carry them as XML documentation.
/// </summary>
internal sealed class WitLexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new()
    {
        ["as"] = TokenKind.As, ["async"] = TokenKind.Async, ["bool"] = TokenKind.Bool, ["borrow"] = TokenKind.Borrow,
        ["char"] = TokenKind.Char, ["constructor"] = TokenKind.Constructor, ["enum"] = TokenKind.Enum,
        ["export"] = TokenKind.Export, ["f32"] = TokenKind.F32, ["f64"] = TokenKind.F64, ["flags"] = TokenKind.Flags,
        ["from"] = TokenKind.From, ["func"] = TokenKind.Func, ["future"] = TokenKind.Future, ["import"] = TokenKind.Import,
        ["include"] = TokenKind.Include, ["interface"] = TokenKind.Interface, ["list"] = TokenKind.List,
        ["map"] = TokenKind.Map, ["option"] = TokenKind.Option, ["own"] = TokenKind.Own, ["package"] = TokenKind.Package,
        ["record"] = TokenKind.Record, ["resource"] = TokenKind.Resource, ["result"] = TokenKind.Result,
        ["s16"] = TokenKind.S16, ["s32"] = TokenKind.S32, ["s64"] = TokenKind.S64, ["s8"] = TokenKind.S8,
        ["static"] = TokenKind.Static, ["stream"] = TokenKind.Stream, ["string"] = TokenKind.String_,
        ["tuple"] = TokenKind.Tuple, ["type"] = TokenKind.Type, ["u16"] = TokenKind.U16, ["u32"] = TokenKind.U32,
        ["u64"] = TokenKind.U64, ["u8"] = TokenKind.U8, ["use"] = TokenKind.Use, ["variant"] = TokenKind.Variant,
        ["with"] = TokenKind.With, ["world"] = TokenKind.World, ["error-context"] = TokenKind.ErrorContext,
    };

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private readonly List<string?> _docs = [];
    private readonly StringBuilder _pendingDoc = new();
    private int _position;

    private WitLexer(string text) => _text = text;

    /// <summary>The tokens of a file (ending with <see cref="TokenKind.EndOfFile"/>) and the doc comment before each, or null.</summary>
    public static (List<Token> Tokens, List<string?> Docs) Lex(string text)
    {
        var lexer = new WitLexer(text);
        lexer.Run();
        return (lexer._tokens, lexer._docs);
    }

    private void Run()
    {
        while (true)
        {
            var spaced = SkipWhitespace();
            if (_position >= _text.Length)
            {
                Add(TokenKind.EndOfFile, "", _position, spaced, false);
                return;
            }
            var start = _position;
            var c = _text[_position];
            if (IsIdentifierStart(c) || c == '%')
            {
                LexIdentifier(spaced);
                continue;
            }
            if (c >= '0' && c <= '9')
            {
                while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
                Add(TokenKind.Integer, _text.Substring(start, _position - start), start, spaced, false);
                continue;
            }
            if (c == '"')
            {
                LexString(spaced);
                continue;
            }
            var isArrow = c == '-' && Peek() == '>';
            _position++;
            var kind = c switch
            {
                '=' => TokenKind.Equals,
                ',' => TokenKind.Comma,
                ':' => TokenKind.Colon,
                ';' => TokenKind.Semicolon,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '{' => TokenKind.LeftBrace,
                '}' => TokenKind.RightBrace,
                '<' => TokenKind.Less,
                '>' => TokenKind.Greater,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '.' => TokenKind.Dot,
                '@' => TokenKind.At,
                '_' => TokenKind.Underscore,
                '-' when isArrow => TokenKind.Arrow,
                _ => TokenKind.EndOfFile,
            };
            if (kind == TokenKind.EndOfFile)
                throw new WitSyntaxException(Diagnostics.Lexical, start, start + 1, $"unexpected character '{Printable(c)}'");
            if (kind == TokenKind.Arrow) _position++;
            Add(kind, _text.Substring(start, _position - start), start, spaced, false);
            // A version follows '@' in package names, use paths and gates: lex it whole, since its dots would
            // otherwise be operators (the '.' before '{' in `use a:b/c@1.0.0.{x}` is not part of it).
            if (kind == TokenKind.At && _position < _text.Length && char.IsDigit(_text[_position])) LexVersion();
        }
    }

    private void LexIdentifier(bool spaced)
    {
        var start = _position;
        var isExplicit = _text[_position] == '%';
        if (isExplicit) _position++;
        var nameStart = _position;
        while (_position < _text.Length && (IsIdentifierPart(_text[_position]))) _position++;
        var name = _text.Substring(nameStart, _position - nameStart);
        if (name.Length == 0)
            throw new WitSyntaxException(Diagnostics.Lexical, start, _position + 1, "'%' must be followed by an identifier");
        if (!isExplicit && Keywords.TryGetValue(name, out var keyword))
        {
            Add(keyword, name, start, spaced, false);
            return;
        }
        Add(TokenKind.Identifier, name, start, spaced, isExplicit);
    }

    private void LexVersion()
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '.' && _position + 1 < _text.Length && _text[_position + 1] == '{') break;
            if (!(char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '+')) break;
            _position++;
        }
        Add(TokenKind.Version, _text.Substring(start, _position - start), start, false, false);
    }

    private void LexString(bool spaced)
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
                throw new WitSyntaxException(Diagnostics.Lexical, start, _position, "unterminated string literal");
            var c = _text[_position++];
            if (c == '"') break;
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (_position >= _text.Length) continue;
            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '"': value.Append('"'); break;
                case '\'': value.Append('\''); break;
                case '\\': value.Append('\\'); break;
                default: value.Append('\\').Append(escaped); break;
            }
        }
        Add(TokenKind.String, value.ToString(), start, spaced, false);
    }

    /// <summary>Skips whitespace and comments, collecting doc comments; true when anything was skipped.</summary>
    private bool SkipWhitespace()
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
                continue;
            }
            if (c == '/' && Peek() == '/')
            {
                var lineStart = _position;
                while (_position < _text.Length && _text[_position] != '\n') _position++;
                var line = _text.Substring(lineStart, _position - lineStart);
                if (line.StartsWith("///", System.StringComparison.Ordinal) && !line.StartsWith("////", System.StringComparison.Ordinal))
                    _pendingDoc.Append(line.Substring(3).Trim()).Append('\n');
                continue;
            }
            if (c == '/' && Peek() == '*')
            {
                SkipBlockComment();
                continue;
            }
            if (char.IsControl(c) || IsBidiOverride(c))
                throw new WitSyntaxException(Diagnostics.Lexical, _position, _position + 1, $"the character U+{(int)c:X4} is not allowed in WIT text");
            break;
        }
        return _position > start;
    }

    /// <summary>Block comments nest, as the WIT lexical grammar says; <c>/** ... */</c> is documentation.</summary>
    private void SkipBlockComment()
    {
        var start = _position;
        var isDoc = _position + 2 < _text.Length && _text[_position + 2] == '*' && !(_position + 3 < _text.Length && _text[_position + 3] == '/');
        _position += 2;
        var depth = 1;
        while (depth > 0)
        {
            if (_position + 1 >= _text.Length)
                throw new WitSyntaxException(Diagnostics.Lexical, start, _text.Length, "unterminated block comment");
            if (_text[_position] == '/' && _text[_position + 1] == '*')
            {
                depth++;
                _position += 2;
            }
            else if (_text[_position] == '*' && _text[_position + 1] == '/')
            {
                depth--;
                _position += 2;
            }
            else _position++;
        }
        if (isDoc)
        {
            var body = _text.Substring(start + 3, _position - start - 5);
            foreach (var line in body.Split('\n')) _pendingDoc.Append(line.Trim().TrimStart('*').Trim()).Append('\n');
        }
    }

    private void Add(TokenKind kind, string text, int start, bool spaced, bool isExplicit)
    {
        _tokens.Add(new Token(kind, text, start, _position, spaced || _tokens.Count == 0, isExplicit));
        _docs.Add(_pendingDoc.Length == 0 ? null : _pendingDoc.ToString().Trim());
        _pendingDoc.Clear();
    }

    private char Peek() => _position + 1 < _text.Length ? _text[_position + 1] : '\0';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is (>= '0' and <= '9') or '-';

    private static bool IsBidiOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}
