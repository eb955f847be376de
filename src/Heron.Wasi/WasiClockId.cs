namespace Heron.Wasi;

/// <summary>The clocks of preview 1 (<c>clockid</c>).</summary>
internal enum WasiClockId
{
    Realtime, Monotonic, ProcessCpuTime, ThreadCpuTime,
}
