namespace Heron;

/// <summary>The base of every error Heron reports about a WebAssembly module or its execution.</summary>
public class WasmException : Exception
{
    /// <summary>Creates an error with a message.</summary>
    public WasmException(string message) : base(message) { }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    public WasmException(string message, Exception? inner) : base(message, inner) { }
}
