using System.Text;

namespace Heron.Tests.Binary;

/// <summary>
/// Pulls the <c>(module binary "...")</c> forms out of a .wast script without the text parser: the
/// decoder's tests need only those, and the string escapes are all they use.
/// </summary>
internal static class WastBinaryModules
{
    /// <summary>A binary module, the assertion around it (or "module"), its expected message and its line.</summary>
    public sealed record Entry(string Command, string? Message, byte[] Bytes, int Line);

    public static List<Entry> Read(string path)
    {
        var text = File.ReadAllText(path);
        var entries = new List<Entry>();
        var depth = 0;
        var commandStart = -1;
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ';' && i + 1 < text.Length && text[i + 1] == ';') { i = text.IndexOf('\n', i) is var n && n < 0 ? text.Length : n; continue; }
            if (c == '(' && i + 1 < text.Length && text[i + 1] == ';') { i = text.IndexOf(";)", i + 2, StringComparison.Ordinal) + 1; continue; }
            if (c == '"') { i = SkipString(text, i); continue; }
            if (c == '(')
            {
                if (depth == 0) commandStart = i;
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0) AddIfBinary(text, commandStart, i + 1, entries);
            }
        }
        return entries;
    }

    private static void AddIfBinary(string text, int start, int end, List<Entry> entries)
    {
        var command = text[start..end];
        var head = command[1..].TrimStart();
        var keyword = head[..head.IndexOfAny([' ', '\n', '\r', '\t', '(', ')'])];
        var moduleAt = keyword == "module" ? 0 : command.IndexOf("(module", StringComparison.Ordinal);
        if (moduleAt < 0) return;
        var binaryAt = command.IndexOf(" binary", moduleAt, StringComparison.Ordinal);
        // Only when "binary" follows "(module" and an optional $name directly.
        if (binaryAt < 0 || command[(moduleAt + 7)..binaryAt].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => !w.StartsWith('$')))
            return;
        var bytes = new List<byte>();
        var i = binaryAt + 7;
        var moduleEnd = i;
        for (var depth = 1; i < command.Length && depth > 0; i++)
        {
            var c = command[i];
            if (c == ';' && command[i + 1] == ';') { i = command.IndexOf('\n', i); continue; }
            if (c == '"') { var close = SkipString(command, i); Decode(command, i + 1, close, bytes); i = close; continue; }
            if (c == '(') depth++;
            if (c == ')') depth--;
            moduleEnd = i;
        }
        string? message = null;
        if (keyword != "module")
        {
            var quote = command.IndexOf('"', moduleEnd + 1);
            if (quote >= 0) message = command[(quote + 1)..SkipString(command, quote)];
        }
        var line = 1;
        for (int k = 0; k < start; k++) if (text[k] == '\n') line++;
        entries.Add(new Entry(keyword, message, bytes.ToArray(), line));
    }

    private static int SkipString(string text, int open)
    {
        for (int i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '"') return i;
        }
        return text.Length - 1;
    }

    private static void Decode(string text, int start, int end, List<byte> output)
    {
        for (int i = start; i < end; i++)
        {
            var c = text[i];
            if (c != '\\') { output.AddRange(Encoding.UTF8.GetBytes(c.ToString())); continue; }
            var e = text[++i];
            switch (e)
            {
                case 'n': output.Add(0x0A); break;
                case 't': output.Add(0x09); break;
                case 'r': output.Add(0x0D); break;
                case '"': case '\'': case '\\': output.Add((byte)e); break;
                case 'u':
                {
                    var close = text.IndexOf('}', i);
                    var code = Convert.ToInt32(text[(i + 2)..close], 16);
                    output.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(code)));
                    i = close;
                    break;
                }
                default:
                    output.Add(Convert.ToByte(text.Substring(i, 2), 16));
                    i++;
                    break;
            }
        }
    }
}
