using Heron.Wasi.Preview2;

namespace Heron.Http;

/// <summary>
/// The <c>input-stream</c> of an <c>incoming-body</c>: the request body being served or a response body
/// received, read as the guest asks (a read waits for the next bytes to arrive). A transport failure
/// ends the stream with an error whose <c>http-error-code</c> says what happened.
/// </summary>
internal sealed class BodyInput(Stream body, HttpScope scope, TimeSpan? betweenBytes = null) : HostInputStream
{
    private bool failed;

    protected override int ReadCore(Span<byte> buffer)
    {
        if (failed) return 0;
        try
        {
            if (betweenBytes is not { } timeout) return body.Read(buffer);
            // A between-bytes timeout bounds each read; Stream.Read has no deadline, the async read does.
            var rented = new byte[buffer.Length];
            using var cancel = new CancellationTokenSource(timeout);
            int read = body.ReadAsync(rented.AsMemory(), cancel.Token).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException or ObjectDisposedException)
        {
            failed = true;
            throw scope.StreamError(e is OperationCanceledException ? HttpValues.Error("connection-read-timeout") : HttpValues.FromException(e));
        }
    }
}
