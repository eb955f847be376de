using Heron.Text;

namespace Heron.Tests.Text;

/// <summary>Tokens, their positions, comments, annotations and string escapes.</summary>
public sealed class LexerTests
{
    [Fact]
    public void TokensCarryKindLineAndColumn()
    {
        var tokens = Lexer.Tokenize("(module\n  $x \"s\" 1.5 nan:0x1)");
        Assert.Equal(
            [TokenKind.LeftParen, TokenKind.Keyword, TokenKind.Id, TokenKind.String, TokenKind.Number, TokenKind.Keyword, TokenKind.RightParen, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
        Assert.Equal((2, 3), (tokens[2].Line, tokens[2].Column));
        Assert.Equal((2, 10), (tokens[4].Line, tokens[4].Column));
    }

    [Fact]
    public void PositionsAreOffsetByTheStartOfTheText()
    {
        var tokens = Lexer.Tokenize("(a\nb)", line: 10, column: 5);
        Assert.Equal((10, 5), (tokens[0].Line, tokens[0].Column));
        Assert.Equal((11, 1), (tokens[2].Line, tokens[2].Column));
    }

    [Fact]
    public void CommentsAndAnnotationsAreSkipped()
    {
        var tokens = Lexer.Tokenize("a ;; line\n (; block (; nested ;) still ;) b (@custom \"x\" (y)) c");
        Assert.Equal(4, tokens.Count);
        Assert.All(tokens.Take(3), t => Assert.Equal(TokenKind.Keyword, t.Kind));
    }

    [Fact]
    public void QuotedIdsAreIds()
    {
        var text = "$\"a b\" $plain";
        var reader = new TokenReader(text, Lexer.Tokenize(text));
        Assert.Equal("a b", reader.TryId());
        Assert.Equal("plain", reader.TryId());
    }

    [Fact]
    public void StringEscapesDecode()
    {
        const string text = "\"\\t\\n\\r\\\"\\'\\\\\\00\\ff\\u{41}\\u{263A}é\"";
        var bytes = StringLiteral.Decode(text, 0, text.Length, 1, 1);
        Assert.Equal("090A0D22275C00FF41E298BAC3A9", Convert.ToHexString(bytes));
    }

    [Theory]
    [InlineData("\"\\q\"", "malformed string escape")]
    [InlineData("\"\\u{D800}\"", "malformed string escape")]
    [InlineData("\"\\u{110000}\"", "malformed string escape")]
    public void BadEscapesAreErrors(string text, string message)
    {
        var error = Assert.Throws<TextParseException>(() => StringLiteral.Decode(text, 0, text.Length, 1, 1));
        Assert.Equal(message, error.Reason);
    }

    [Fact]
    public void NamesMustBeUtf8()
    {
        var error = Assert.Throws<TextParseException>(() => WatParser.ParseModule("(module (func (export \"\\ff\")))"));
        Assert.Equal("malformed UTF-8 encoding", error.Reason);
    }

    [Fact]
    public void UnclosedCommentIsAnError() =>
        Assert.Throws<TextParseException>(() => Lexer.Tokenize("(module (; never closed"));
}
