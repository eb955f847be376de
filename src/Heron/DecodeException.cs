namespace Heron;

/// <summary>A malformed module: its bytes (or text) do not follow the format.</summary>
public sealed class DecodeException : WasmException
{
    /// <summary>Creates a decode error at a byte offset of the binary module.</summary>
    public DecodeException(string message, long offset) : base($"{message} (at byte offset 0x{offset:x})")
    {
        Offset = offset;
        Reason = message;
    }

    /// <summary>The byte offset in the binary module where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The message without the position, starting with the specification's wording.</summary>
    public string Reason { get; }
}
