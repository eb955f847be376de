using Heron.Compilation;

namespace Heron;

/// <summary>
/// WebAssembly execution trapped. <see cref="Reason"/> is the specification's wording (for example
/// "integer divide by zero"); <see cref="Backtrace"/> lists the WebAssembly frames that were active, and
/// <see cref="Exception.Message"/> is the reason followed by that backtrace, as Wasmtime's messages are.
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

    /// <summary>The trap's wording alone, without the backtrace: what to compare or show in one line.</summary>
    public string Reason => base.Message;

    /// <summary>The reason, then (once the trap has been thrown through WebAssembly code) "wasm backtrace:" and one line per frame.</summary>
    public override string Message
    {
        get
        {
            var frames = Backtrace;
            if (frames.Count == 0) return Reason;
            var text = new System.Text.StringBuilder(Reason).Append("\nwasm backtrace:");
            for (int i = 0; i < frames.Count; i++) text.Append("\n  ").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3)).Append(": ").Append(frames[i]);
            return text.ToString();
        }
    }

    /// <summary>
    /// The WebAssembly frames between the trap and the host, innermost first, rebuilt from the .NET stack
    /// trace of this exception (so it is complete once the exception has reached the host). Empty before
    /// the trap is thrown; kept once it is not.
    /// </summary>
    public IReadOnlyList<WasmFrame> Backtrace
    {
        get
        {
            if (backtrace is not null) return backtrace;
            var built = BacktraceBuilder.Build(this);
            if (built.Count > 0) backtrace = built;
            return built;
        }
    }
}
