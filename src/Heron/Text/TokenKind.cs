namespace Heron.Text;

/// <summary>The lexical class of a token of the text format.</summary>
internal enum TokenKind : byte
{
    LeftParen,
    RightParen,
    /// <summary>A keyword: starts with a lowercase letter (also <c>inf</c>, <c>nan</c>, <c>offset=4</c>).</summary>
    Keyword,
    /// <summary>A number-like atom: starts with a digit or a sign.</summary>
    Number,
    /// <summary><c>$name</c> or <c>$"name"</c>.</summary>
    Id,
    /// <summary>A string literal, still escaped; decoded on demand so that a bad escape fails only where used.</summary>
    String,
    /// <summary>Any other run of characters the grammar has no use for.</summary>
    Reserved,
    EndOfFile,
}
