namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/error</c> handle: why a stream operation failed. A failure of a file
/// keeps its errno, which <c>filesystem-error-code</c> reports (the preview 1 adapter turns it back into
/// the errno it returns); a failure of a socket keeps its <c>wasi:sockets</c> error code, which
/// <c>network-error-code</c> reports.
/// </summary>
internal sealed class HostError(string message, WasiErrno? errno = null, string? networkError = null)
{
    public string Message { get; } = message;

    public WasiErrno? Errno { get; } = errno;

    /// <summary>The <c>error-code</c> case of a socket's failure; null for failures of anything else.</summary>
    public string? NetworkError { get; } = networkError;

    public static HostError From(Exception exception) => exception is System.Net.Sockets.SocketException socket
        ? new(exception.Message, networkError: Sockets.SocketErrorCodes.From(socket))
        : new(exception.Message, ErrnoMapper.ToErrno(exception));
}
