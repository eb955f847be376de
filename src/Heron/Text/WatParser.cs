namespace Heron.Text;

/// <summary>Parses WebAssembly text (.wat) into the binary format.</summary>
internal static class WatParser
{
    /// <summary>
    /// Parses one module, written as <c>(module ...)</c> or as bare module fields, and returns its binary
    /// encoding. <paramref name="line"/> and <paramref name="column"/> give the position of the text in its
    /// file, so errors point into the enclosing script.
    /// </summary>
    public static byte[] ParseModule(string text, int line = 1, int column = 1) =>
        throw new TextParseException("the text format parser is not built yet", line, column);
}
