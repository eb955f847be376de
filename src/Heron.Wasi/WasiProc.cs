namespace Heron.Wasi;

/// <summary><c>proc_exit</c>, <c>proc_raise</c> and <c>sched_yield</c>.</summary>
internal sealed class WasiProc
{
    /// <summary>Never returns: unwinds the guest with the exit code.</summary>
    public void ProcExit(Span<byte> memory, int code) => throw new WasiExitException(code);

    /// <summary>Signals are not part of the sandbox: a guest cannot raise one in the host process.</summary>
    public int ProcRaise(Span<byte> memory, int signal) => (int)WasiErrno.NotSup;

    public int SchedYield(Span<byte> memory)
    {
        Thread.Yield();
        return 0;
    }
}
