namespace Heron.Text;

/// <summary>Parses WebAssembly text (.wat) into the binary format.</summary>
internal static class WatParser
{
    /// <summary>
    /// Parses one module, written as <c>(module ...)</c> or as bare module fields, and returns its binary
    /// encoding (without a name section). <paramref name="line"/> and <paramref name="column"/> give the
    /// position of the text in its file, so errors point into the enclosing script.
    /// </summary>
    public static byte[] ParseModule(string text, int line = 1, int column = 1) => ParseModule(text, line, column, emitNames: false);

    /// <summary>
    /// As <see cref="ParseModule(string, int, int)"/>; with <paramref name="emitNames"/>, the module's, the
    /// functions' and the locals' <c>$id</c>s go into a name section (for backtraces and tools).
    /// </summary>
    public static byte[] ParseModule(string text, int line, int column, bool emitNames) =>
        ModuleParser.Parse(text, line, column, emitNames);
}
