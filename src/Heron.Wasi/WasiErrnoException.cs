namespace Heron.Wasi;

/// <summary>
/// Ends a WASI function early with a given errno. Deep helpers (path resolution, memory reads) throw it
/// so that each function body reads as its normal path; the function boundary turns it into the result.
/// </summary>
internal sealed class WasiErrnoException : Exception
{
    public WasiErrnoException(WasiErrno errno) : base(errno.ToString()) => Errno = errno;

    public WasiErrno Errno { get; }
}
