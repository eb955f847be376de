namespace Heron.Bindgen.Syntax;

/// <summary>
/// One token: its kind, its text (an identifier without its '%' prefix), where it starts and ends in the file,
/// and whether whitespace separates it from the token before (<c>a:b</c> is a package path, <c>a: b</c> a label).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End, bool SpaceBefore, bool Explicit)
{
    /// <summary>True for an identifier, or a keyword written with '%' (which makes it an identifier).</summary>
    public bool IsIdentifier => Kind == TokenKind.Identifier;

    public override string ToString() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Identifier => $"identifier '{Text}'",
        TokenKind.Integer => $"integer {Text}",
        TokenKind.String => "string literal",
        TokenKind.Version => $"version {Text}",
        _ => $"'{Text}'",
    };
}
