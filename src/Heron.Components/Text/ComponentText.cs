namespace Heron.Components.Text;

/// <summary>The text format of components (<c>(component ...)</c>), turned into the component binary format.</summary>
public static class ComponentText
{
    /// <summary>
    /// Parses one <c>(component ...)</c> form (or <c>(component binary "...")</c>) into component bytes.
    /// Malformed text throws <see cref="TextParseException"/> with its line and column.
    /// </summary>
    public static byte[] Parse(string text) => ComponentParser.Parse(text, 1, 1);

    /// <summary>As <see cref="Parse(string)"/>, for text that starts at <paramref name="line"/>/<paramref name="column"/> of its file.</summary>
    internal static byte[] Parse(string text, int line, int column) => ComponentParser.Parse(text, line, column);
}
