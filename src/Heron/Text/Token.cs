namespace Heron.Text;

/// <summary>One token: its class, where it lies in the source text, and its 1-based line and column.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;
}
