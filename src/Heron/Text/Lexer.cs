namespace Heron.Text;

/// <summary>
/// Splits text-format source into tokens. Comments and whitespace are skipped, and so are annotations
/// <c>(@...)</c>, which are listed apart (with the place they had) for the parsers that act on some of them.
/// The lexer only finds token boundaries; numbers and strings are interpreted by the parser when it needs
/// them, so that malformed literals inside a module a script only quotes do not break the script.
/// </summary>
internal static class Lexer
{
    /// <summary>
    /// Tokenizes <paramref name="text"/>, which starts at <paramref name="line"/>/<paramref name="column"/> of
    /// its file; the annotations met go to <paramref name="annotations"/> when it is given.
    /// </summary>
    public static List<Token> Tokenize(string text, int line = 1, int column = 1, List<Annotation>? annotations = null)
    {
        var tokens = new List<Token>(text.Length / 4 + 4);
        var pos = 0;
        var lineStart = 0; // offset of the first character of the current line
        var columnBase = column; // column of lineStart

        int Col(int offset) => offset - lineStart + columnBase;

        void NewLine(int nextLineStart)
        {
            line++;
            lineStart = nextLineStart;
            columnBase = 1;
        }

        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\n') { pos++; NewLine(pos); continue; }
            if (c is ' ' or '\t' or '\r') { pos++; continue; }
            if (c == ';' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                while (pos < text.Length && text[pos] != '\n' && text[pos] != '\r') pos++;
                continue;
            }
            if (c == '(' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                var (startLine, startCol) = (line, Col(pos));
                pos += 2;
                var depth = 1;
                while (depth > 0)
                {
                    if (pos >= text.Length) throw new TextParseException("unclosed comment", startLine, startCol);
                    var d = text[pos];
                    if (d == '\n') { pos++; NewLine(pos); }
                    else if (d == '(' && pos + 1 < text.Length && text[pos + 1] == ';') { depth++; pos += 2; }
                    else if (d == ';' && pos + 1 < text.Length && text[pos + 1] == ')') { depth--; pos += 2; }
                    else pos++;
                }
                continue;
            }
            if (c == '(' && pos + 1 < text.Length && text[pos + 1] == '@')
            {
                var (annotationLine, annotationColumn, idStart) = (line, Col(pos), pos + 2);
                SkipAnnotation(text, ref pos, ref line, ref lineStart, ref columnBase);
                annotations?.Add(Describe(text, idStart, pos - 1, tokens.Count, annotationLine, annotationColumn));
                continue;
            }
            if (c == '(') { tokens.Add(new Token(TokenKind.LeftParen, pos, 1, line, Col(pos))); pos++; continue; }
            if (c == ')') { tokens.Add(new Token(TokenKind.RightParen, pos, 1, line, Col(pos))); pos++; continue; }

            // An atom: a run of identifier characters and strings up to whitespace, a parenthesis or a comment.
            var start = pos;
            var startColumn = Col(pos);
            var atoms = 0;
            var strings = 0;
            while (pos < text.Length)
            {
                var d = text[pos];
                if (d == '"')
                {
                    ScanString(text, ref pos, line, Col(pos));
                    strings++;
                }
                else if (IsIdChar(d)) { pos++; atoms++; }
                else break;
            }
            if (pos == start)
            {
                if (c < 0x20 || c >= 0x7F) throw new TextParseException("illegal character", line, startColumn);
                // A character no token may contain: a token of its own that no rule accepts.
                pos++;
                tokens.Add(new Token(TokenKind.Reserved, start, 1, line, startColumn));
                continue;
            }
            tokens.Add(new Token(Classify(text, start, pos, atoms, strings), start, pos - start, line, startColumn));
        }
        tokens.Add(new Token(TokenKind.EndOfFile, text.Length, 0, line, Col(text.Length)));
        return tokens;
    }

    private static TokenKind Classify(string text, int start, int end, int atoms, int strings)
    {
        var first = text[start];
        if (strings == 0)
        {
            if (first == '$') return end - start > 1 ? TokenKind.Id : TokenKind.Reserved;
            if (first is >= 'a' and <= 'z') return TokenKind.Keyword;
            if (first is >= '0' and <= '9' or '+' or '-') return TokenKind.Number;
            return TokenKind.Reserved;
        }
        if (strings == 1 && atoms == 0) return TokenKind.String;
        // $"quoted id": a dollar sign and one string, nothing else.
        if (strings == 1 && atoms == 1 && first == '$' && text[start + 1] == '"' && text[end - 1] == '"') return TokenKind.Id;
        return TokenKind.Reserved;
    }

    /// <summary>The characters of keywords, ids and numbers.</summary>
    public static bool IsIdChar(char c) => c switch
    {
        >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' => true,
        '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' or ':' or '<' or '=' or '>' or '?' or '@'
            or '\\' or '^' or '_' or '`' or '|' or '~' => true,
        _ => false,
    };

    private static void ScanString(string text, ref int pos, int line, int column)
    {
        pos++; // opening quote
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n') throw new TextParseException("unclosed string", line, column);
            var c = text[pos];
            if (c == '"') { pos++; return; }
            // Skip the escaped character so that \" does not end the string; escapes are checked on decoding.
            pos += c == '\\' && pos + 1 < text.Length && text[pos + 1] != '\n' ? 2 : 1;
        }
    }

    /// <summary>An annotation whose id starts at <paramref name="idStart"/> and whose closing parenthesis is at <paramref name="close"/>.</summary>
    private static Annotation Describe(string text, int idStart, int close, int tokenIndex, int line, int column)
    {
        var idEnd = idStart;
        string id;
        if (text[idStart] == '"')
        {
            ScanString(text, ref idEnd, line, column);
            id = StringLiteral.DecodeName(text, idStart, idEnd, line, column);
        }
        else
        {
            while (idEnd < close && IsIdChar(text[idEnd])) idEnd++;
            id = text[idStart..idEnd];
        }
        return new Annotation(id, tokenIndex, idEnd, close, line, column);
    }

    private static void SkipAnnotation(string text, ref int pos, ref int line, ref int lineStart, ref int columnBase)
    {
        var startLine = line;
        var startColumn = pos - lineStart + columnBase;
        // The annotation id follows "(@" directly: a non-empty run of id characters or a non-empty string.
        var idStart = pos + 2;
        if (idStart < text.Length && text[idStart] == '"')
        {
            var idEnd = idStart;
            ScanString(text, ref idEnd, line, startColumn);
            if (idEnd - idStart <= 2) throw new TextParseException("empty annotation id", startLine, startColumn);
            StringLiteral.DecodeName(text, idStart, idEnd, line, startColumn);
        }
        else if (idStart >= text.Length || !IsIdChar(text[idStart]))
        {
            throw new TextParseException("empty annotation id", startLine, startColumn);
        }
        var depth = 0;
        while (true)
        {
            if (pos >= text.Length) throw new TextParseException("unclosed annotation", startLine, startColumn);
            var c = text[pos];
            if (c == '\n') { pos++; line++; lineStart = pos; columnBase = 1; }
            else if (c == '"') ScanString(text, ref pos, line, pos - lineStart + columnBase);
            else if (c == ';' && pos + 1 < text.Length && text[pos + 1] == ';') { while (pos < text.Length && text[pos] != '\n' && text[pos] != '\r') pos++; }
            else if (c == '(' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                pos += 2;
                var nest = 1;
                while (nest > 0)
                {
                    if (pos >= text.Length) throw new TextParseException("unclosed comment", startLine, startColumn);
                    var d = text[pos];
                    if (d == '\n') { pos++; line++; lineStart = pos; columnBase = 1; }
                    else if (d == '(' && pos + 1 < text.Length && text[pos + 1] == ';') { nest++; pos += 2; }
                    else if (d == ';' && pos + 1 < text.Length && text[pos + 1] == ')') { nest--; pos += 2; }
                    else pos++;
                }
            }
            else if (c == '(') { depth++; pos++; }
            else if (c == ')') { depth--; pos++; if (depth == 0) return; }
            else if (c is ' ' or '\t' or '\r' || c > 0x20 && c < 0x7F) pos++;
            else throw new TextParseException("illegal character", line, pos - lineStart + columnBase);
        }
    }
}
