using System.Text;

namespace Heron.Components.Tests.Binary;

/// <summary>
/// Reads the components written as byte strings in a .wast script (<c>(component binary "...")</c>, bare or
/// inside <c>assert_malformed</c>/<c>assert_invalid</c>), so the decoder can be tested against the reference
/// tests before the component text format exists. Only the forms whose component is given in binary are
/// returned.
/// </summary>
internal static class BinaryScript
{
    public sealed record Case(string Kind, byte[] Bytes, string? ExpectedMessage, int Line);

    public static List<Case> Read(string path)
    {
        var text = File.ReadAllText(path);
        var position = 0;
        var cases = new List<Case>();
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length) break;
            var line = LineOf(text, position);
            var form = ReadForm(text, ref position);
            if (form is not List<object> list || list.Count == 0 || list[0] is not string head) continue;
            if (head == "component" && BytesOf(list) is { } bytes) cases.Add(new Case("module", bytes, null, line));
            else if (head is "assert_malformed" or "assert_invalid" && list.Count >= 3 && list[1] is List<object> inner
                && inner.Count > 0 && inner[0] as string == "component" && BytesOf(inner) is { } badBytes && list[2] is Quoted message)
                cases.Add(new Case(head, badBytes, Encoding.UTF8.GetString(message.Bytes), line));
        }
        return cases;
    }

    private sealed record Quoted(byte[] Bytes);

    private static byte[]? BytesOf(List<object> component)
    {
        var index = component.FindIndex(item => item as string == "binary");
        if (index < 0) return null;
        var bytes = new List<byte>();
        foreach (var item in component.Skip(index + 1)) if (item is Quoted quoted) bytes.AddRange(quoted.Bytes);
        return bytes.ToArray();
    }

    private static int LineOf(string text, int position) => text.AsSpan(0, position).Count('\n') + 1;

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length)
        {
            if (char.IsWhiteSpace(text[position])) position++;
            else if (text.AsSpan(position).StartsWith(";;")) { while (position < text.Length && text[position] != '\n') position++; }
            else if (text.AsSpan(position).StartsWith("(;"))
            {
                var end = text.IndexOf(";)", position + 2, StringComparison.Ordinal);
                position = end < 0 ? text.Length : end + 2;
            }
            else break;
        }
    }

    private static object ReadForm(string text, ref int position)
    {
        if (text[position] == '(')
        {
            position++;
            var items = new List<object>();
            while (true)
            {
                SkipSpace(text, ref position);
                if (position >= text.Length) return items;
                if (text[position] == ')') { position++; return items; }
                items.Add(ReadForm(text, ref position));
            }
        }
        if (text[position] == '"') return ReadString(text, ref position);
        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not ('(' or ')' or '"')) position++;
        return text[start..position];
    }

    private static Quoted ReadString(string text, ref int position)
    {
        var bytes = new List<byte>();
        position++;
        while (text[position] != '"')
        {
            var c = text[position++];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            var e = text[position++];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case '\\' or '"' or '\'': bytes.Add((byte)e); break;
                default:
                    bytes.Add(Convert.ToByte(text.Substring(position - 1, 2), 16));
                    position++;
                    break;
            }
        }
        position++;
        return new Quoted(bytes.ToArray());
    }
}
