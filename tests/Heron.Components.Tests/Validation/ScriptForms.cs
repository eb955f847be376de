namespace Heron.Components.Tests.Validation;

/// <summary>
/// Splits a .wast script into its top-level forms as text (strings and comments respected), so a test can
/// hand each <c>(component ...)</c> to the component text parser and check what validation says of it.
/// </summary>
internal static class ScriptForms
{
    public sealed record Form(string Text, int Line);

    public static List<Form> TopLevel(string text) => Children(text, 0, text.Length);

    /// <summary>The parenthesised forms between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static List<Form> Children(string text, int start, int end)
    {
        var forms = new List<Form>();
        var position = start;
        while (position < end)
        {
            var c = text[position];
            if (c == ';' && position + 1 < end && text[position + 1] == ';')
            {
                while (position < end && text[position] != '\n') position++;
            }
            else if (c == '(' && position + 1 < end && text[position + 1] == ';')
            {
                var close = text.IndexOf(";)", position + 2, StringComparison.Ordinal);
                position = close < 0 ? end : close + 2;
            }
            else if (c == '"')
            {
                position = SkipString(text, position);
            }
            else if (c == '(')
            {
                var formEnd = MatchingParen(text, position);
                forms.Add(new Form(text[position..formEnd], text.AsSpan(0, position).Count('\n') + 1));
                position = formEnd;
            }
            else
            {
                position++;
            }
        }
        return forms;
    }

    /// <summary>The strings directly inside a form (not inside its child forms), unescaped only for plain text.</summary>
    public static List<string> Strings(string form)
    {
        var strings = new List<string>();
        var depth = 0;
        for (var position = 0; position < form.Length;)
        {
            var c = form[position];
            if (c == '"')
            {
                var end = SkipString(form, position);
                if (depth == 1) strings.Add(form[(position + 1)..(end - 1)]);
                position = end;
                continue;
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            position++;
        }
        return strings;
    }

    private static int SkipString(string text, int position)
    {
        position++;
        while (position < text.Length && text[position] != '"') position += text[position] == '\\' ? 2 : 1;
        return position + 1;
    }

    private static int MatchingParen(string text, int open)
    {
        var depth = 0;
        var position = open;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"') { position = SkipString(text, position); continue; }
            if (c == ';' && position + 1 < text.Length && text[position + 1] == ';')
            {
                while (position < text.Length && text[position] != '\n') position++;
                continue;
            }
            if (c == '(' && position + 1 < text.Length && text[position + 1] == ';')
            {
                var close = text.IndexOf(";)", position + 2, StringComparison.Ordinal);
                position = close < 0 ? text.Length : close + 2;
                continue;
            }
            if (c == '(') depth++;
            if (c == ')' && --depth == 0) return position + 1;
            position++;
        }
        return text.Length;
    }
}
