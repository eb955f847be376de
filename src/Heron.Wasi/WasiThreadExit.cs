namespace Heron.Wasi;

/// <summary>
/// How a thread started by <c>wasi::thread-spawn</c> ended the program: through <c>proc_exit</c>
/// (<see cref="Trap"/> null) or by trapping. Either ends the whole program under wasi-threads.
/// </summary>
/// <param name="ThreadId">The id <c>thread-spawn</c> gave the thread.</param>
/// <param name="ExitCode">The code given to <c>proc_exit</c>; for a trap, the code a trap exits with (134, as Wasmtime on Unix).</param>
/// <param name="Trap">The trap, when the thread trapped.</param>
public sealed record WasiThreadExit(int ThreadId, int ExitCode, TrapException? Trap);
