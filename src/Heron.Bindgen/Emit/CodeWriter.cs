using System.Text;

namespace Heron.Bindgen.Emit;

/// <summary>Writes indented C# lines; <see cref="Block"/> opens a brace and indents until disposed.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    public Scope Block(string header, string closer = "}")
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _depth++;
        return new Scope(this, closer);
    }

    /// <summary>An XML doc summary from a WIT doc comment (nothing when there is none).</summary>
    public void Doc(string? doc, string? fallback = null)
    {
        var text = doc ?? fallback;
        if (text is null) return;
        Line("/// <summary>");
        foreach (var line in text.Split('\n')) Line("/// " + CSharpNames.Xml(line.TrimEnd()));
        Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();

    internal readonly struct Scope(CodeWriter writer, string closer) : System.IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(closer);
        }
    }
}
