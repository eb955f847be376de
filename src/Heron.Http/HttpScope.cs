using Heron.Components;
using Heron.Wasi.Preview2;

namespace Heron.Http;

/// <summary>
/// The wasi:http state of one instance (one request served): a table per resource type, beside the wasi:io
/// tables (<see cref="Wasi"/>) its bodies and pollables live in, and the error codes behind the stream errors
/// its bodies raised. It lives as long as the instance and goes with it.
/// </summary>
internal sealed class HttpScope(Preview2Host wasi, bool allowOutgoing)
{
    private readonly Dictionary<HostError, ComponentValue> errorCodes = new(ReferenceEqualityComparer.Instance);

    public Preview2Host Wasi { get; } = wasi;

    /// <summary>Whether <c>outgoing-handler.handle</c> may send requests (otherwise it answers <c>HTTP-request-denied</c>).</summary>
    public bool AllowOutgoing { get; } = allowOutgoing;

    public ResourceTable<HttpFields> Fields { get; } = new("fields");
    public ResourceTable<IncomingRequest> IncomingRequests { get; } = new("incoming-request");
    public ResourceTable<OutgoingRequest> OutgoingRequests { get; } = new("outgoing-request");
    public ResourceTable<RequestOptions> RequestOptions { get; } = new("request-options");
    public ResourceTable<ResponseOutparam> ResponseOutparams { get; } = new("response-outparam");
    public ResourceTable<IncomingResponse> IncomingResponses { get; } = new("incoming-response");
    public ResourceTable<IncomingBody> IncomingBodies { get; } = new("incoming-body");
    public ResourceTable<FutureTrailers> FutureTrailers { get; } = new("future-trailers");
    public ResourceTable<OutgoingResponse> OutgoingResponses { get; } = new("outgoing-response");
    public ResourceTable<OutgoingBody> OutgoingBodies { get; } = new("outgoing-body");
    public ResourceTable<FutureIncomingResponse> FutureIncomingResponses { get; } = new("future-incoming-response");

    /// <summary>A stream error carrying an HTTP <c>error-code</c>, which <c>http-error-code</c> gives back.</summary>
    public StreamFailure StreamError(ComponentValue errorCode)
    {
        var error = new HostError($"HTTP error: {errorCode}");
        errorCodes[error] = errorCode;
        return StreamFailure.Failed(error);
    }

    public ComponentValue? ErrorCode(HostError error) => errorCodes.GetValueOrDefault(error);

    /// <summary>Field values are bytes; HTTP/1.1 carries them as Latin-1, one byte a character.</summary>
    public static string Latin1(byte[] value) => System.Text.Encoding.Latin1.GetString(value);
}
