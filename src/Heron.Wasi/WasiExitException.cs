namespace Heron.Wasi;

/// <summary>
/// Thrown by <c>proc_exit</c> to unwind the guest. It passes through the runtime like any host exception;
/// the embedder catches it and reads <see cref="ExitCode"/> (0 is success, as for a process).
/// </summary>
public sealed class WasiExitException : WasmException
{
    /// <summary>Creates the exit signal for <paramref name="exitCode"/>.</summary>
    public WasiExitException(int exitCode) : base($"WASI program exited with code {exitCode}") => ExitCode = exitCode;

    /// <summary>The status the guest passed to <c>proc_exit</c>.</summary>
    public int ExitCode { get; }
}
