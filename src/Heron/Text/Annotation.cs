namespace Heron.Text;

/// <summary>
/// An annotation <c>(@id ...)</c> the lexer set aside: its id, where it stood among the tokens (it precedes
/// the token at <see cref="TokenIndex"/>), and the text of its body (after the id, up to its closing
/// parenthesis), which the module parser reads when the id is one it acts on.
/// </summary>
internal sealed record Annotation(string Id, int TokenIndex, int BodyStart, int BodyEnd, int Line, int Column);
