namespace Heron;

/// <summary>Malformed WebAssembly text (.wat or .wast): the position is a line and a column.</summary>
public sealed class TextParseException : WasmException
{
    /// <summary>Creates a text error at a 1-based line and column.</summary>
    public TextParseException(string message, int line, int column) : base($"{message} (at line {line}, column {column})")
    {
        Reason = message;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error.</summary>
    public int Column { get; }
}
