using System.Text;

namespace Heron.Cli;

/// <summary>
/// <see cref="Console.Out"/> or <see cref="Console.Error"/>, made on the first write. Making the console's
/// writers costs about 4 ms at start (the output encoding and the writer behind it; measured in a
/// ReadyToRun console program), and a <c>heron run</c> that succeeds writes nothing through them: its
/// program writes through WASI's raw standard streams. Only messages, results and help use these.
/// </summary>
internal sealed class DeferredConsoleWriter(Func<TextWriter> open) : TextWriter
{
    // Two threads writing first at once may both open it: the console returns the same writer to both.
    private TextWriter? writer;

    private TextWriter Writer => writer ??= open();

    public static TextWriter Out { get; } = new DeferredConsoleWriter(() => Console.Out);

    public static TextWriter Error { get; } = new DeferredConsoleWriter(() => Console.Error);

    public override Encoding Encoding => Writer.Encoding;

    public override IFormatProvider FormatProvider => Writer.FormatProvider;

    public override string NewLine
    {
        get => Writer.NewLine;
#pragma warning disable CS8765 // the base property's setter takes null (the default newline)
        set => Writer.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Writer.Write(value);

    public override void Write(char[] buffer, int index, int count) => Writer.Write(buffer, index, count);

    public override void Write(ReadOnlySpan<char> buffer) => Writer.Write(buffer);

    public override void Write(string? value) => Writer.Write(value);

    public override void WriteLine() => Writer.WriteLine();

    public override void WriteLine(string? value) => Writer.WriteLine(value);

    public override void WriteLine(ReadOnlySpan<char> buffer) => Writer.WriteLine(buffer);

    /// <summary>Nothing to flush before the first write.</summary>
    public override void Flush() => writer?.Flush();
}
