using Heron.Compilation;

namespace Heron;

/// <summary>
/// WebAssembly execution trapped. The message starts with the specification's wording (for example
/// "integer divide by zero"); <see cref="Backtrace"/> lists the WebAssembly frames that were active.
/// The store and its instances stay usable after a trap.
/// </summary>
public sealed class TrapException : WasmException
{
    private IReadOnlyList<WasmFrame>? backtrace;

    /// <summary>Creates a trap with its code and message.</summary>
    public TrapException(TrapCode code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>Creates a trap with its code, message and the error that caused it.</summary>
    public TrapException(TrapCode code, string message, Exception? inner) : base(message, inner)
    {
        Code = code;
    }

    /// <summary>Why execution trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>
    /// The WebAssembly frames between the trap and the host, innermost first, rebuilt from the .NET stack
    /// trace of this exception (so it is complete once the exception has reached the host).
    /// </summary>
    public IReadOnlyList<WasmFrame> Backtrace => backtrace ??= BacktraceBuilder.Build(this);

    /// <summary>The message followed by the WebAssembly backtrace.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(GetType().FullName).Append(": ").Append(Message);
        foreach (var frame in Backtrace) text.Append("\n    at ").Append(frame);
        return text.ToString();
    }
}
