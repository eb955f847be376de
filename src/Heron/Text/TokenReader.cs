namespace Heron.Text;

/// <summary>A cursor over the tokens of one source text, with the small look-ahead helpers the parsers share.</summary>
internal sealed class TokenReader
{
    private readonly List<Token> tokens;

    public TokenReader(string source, List<Token> tokens, IReadOnlyList<Annotation>? annotations = null)
    {
        Source = source;
        this.tokens = tokens;
        Annotations = annotations ?? [];
    }

    public string Source { get; }

    /// <summary>The annotations of the source, in text order (see <see cref="Lexer"/>).</summary>
    public IReadOnlyList<Annotation> Annotations { get; }

    /// <summary>Index of the current token.</summary>
    public int Position { get; set; }

    public Token Current => tokens[Position];

    public Token Peek(int ahead = 1) => tokens[Math.Min(Position + ahead, tokens.Count - 1)];

    public Token TokenAt(int index) => tokens[index];

    public bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    public Token Next()
    {
        var token = tokens[Position];
        if (token.Kind != TokenKind.EndOfFile) Position++;
        return token;
    }

    public ReadOnlySpan<char> Text(Token token) => Source.AsSpan(token.Start, token.Length);

    public string TextString(Token token) => Source.Substring(token.Start, token.Length);

    public bool IsKeyword(Token token, string keyword) => token.Kind == TokenKind.Keyword && Text(token).SequenceEqual(keyword);

    public bool AtKeyword(string keyword) => IsKeyword(Current, keyword);

    public bool AtLeftParen => Current.Kind == TokenKind.LeftParen;

    public bool AtRightParen => Current.Kind == TokenKind.RightParen;

    /// <summary>True at <c>(keyword</c>.</summary>
    public bool AtForm(string keyword) => Current.Kind == TokenKind.LeftParen && IsKeyword(Peek(), keyword);

    /// <summary>Consumes <c>(keyword</c> when it is next.</summary>
    public bool TryForm(string keyword)
    {
        if (!AtForm(keyword)) return false;
        Position += 2;
        return true;
    }

    public TextParseException Error(Token token, string message) => new(message, token.Line, token.Column);

    public TextParseException Unexpected() => Unexpected(Current);

    public TextParseException Unexpected(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => Error(token, "unexpected end of input"),
        _ => Error(token, "unexpected token"),
    };

    public void ExpectLeftParen()
    {
        if (Current.Kind != TokenKind.LeftParen) throw Unexpected();
        Position++;
    }

    public void ExpectRightParen()
    {
        if (Current.Kind != TokenKind.RightParen) throw Unexpected();
        Position++;
    }

    public void ExpectKeyword(string keyword)
    {
        if (!AtKeyword(keyword)) throw Unexpected();
        Position++;
    }

    /// <summary>The name of an id token (<c>$x</c> or <c>$"x"</c>), without the dollar sign.</summary>
    public string IdName(Token token)
    {
        if (Source[token.Start + 1] == '"')
        {
            var name = StringLiteral.DecodeName(Source, token.Start + 1, token.End, token.Line, token.Column + 1);
            if (name.Length == 0) throw Error(token, "empty identifier");
            return name;
        }
        return Source.Substring(token.Start + 1, token.Length - 1);
    }

    /// <summary>Consumes an id when one is next.</summary>
    public string? TryId()
    {
        if (Current.Kind != TokenKind.Id) return null;
        return IdName(Next());
    }

    public byte[] ReadStringBytes()
    {
        var token = Current;
        if (token.Kind != TokenKind.String) throw Unexpected();
        Position++;
        return StringLiteral.Decode(Source, token.Start, token.End, token.Line, token.Column);
    }

    public string ReadName()
    {
        var token = Current;
        if (token.Kind != TokenKind.String) throw Unexpected();
        Position++;
        return StringLiteral.DecodeName(Source, token.Start, token.End, token.Line, token.Column);
    }

    /// <summary>Skips from a left parenthesis past its matching right one.</summary>
    public void SkipForm()
    {
        if (Current.Kind != TokenKind.LeftParen) throw Unexpected();
        var depth = 0;
        do
        {
            var token = Next();
            if (token.Kind == TokenKind.LeftParen) depth++;
            else if (token.Kind == TokenKind.RightParen) depth--;
            else if (token.Kind == TokenKind.EndOfFile) throw Unexpected(token);
        }
        while (depth > 0);
    }

    /// <summary>Reads an unsigned 32-bit literal (an index, a lane, a count).</summary>
    public uint ReadU32()
    {
        var token = Current;
        if (token.Kind != TokenKind.Number) throw Unexpected();
        var status = NumberParser.ParseNat(Text(token), uint.MaxValue, out var value);
        if (status == NumberParser.Status.Malformed) throw Unexpected();
        if (status == NumberParser.Status.OutOfRange) throw Error(token, "constant out of range");
        Position++;
        return (uint)value;
    }

    public ulong ReadU64()
    {
        var token = Current;
        if (token.Kind != TokenKind.Number) throw Unexpected();
        var status = NumberParser.ParseNat(Text(token), ulong.MaxValue, out var value);
        if (status == NumberParser.Status.Malformed) throw Unexpected();
        if (status == NumberParser.Status.OutOfRange) throw Error(token, "constant out of range");
        Position++;
        return value;
    }

    /// <summary>True when the next token is an unsigned integer literal.</summary>
    public bool AtNat => Current.Kind == TokenKind.Number && Source[Current.Start] is >= '0' and <= '9';
}
