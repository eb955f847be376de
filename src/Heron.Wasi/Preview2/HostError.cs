namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/error</c> handle: why a stream operation failed. A failure of a file
/// keeps its errno, which <c>filesystem-error-code</c> reports (the preview 1 adapter turns it back into
/// the errno it returns).
/// </summary>
internal sealed class HostError(string message, WasiErrno? errno = null)
{
    public string Message { get; } = message;

    public WasiErrno? Errno { get; } = errno;

    public static HostError From(Exception exception) => new(exception.Message, ErrnoMapper.ToErrno(exception));
}
