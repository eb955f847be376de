using System.Net.Http.Headers;
using Heron.Components;

namespace Heron.Http;

/// <summary>
/// Sends a guest's <c>outgoing-request</c> with HttpClient: no redirects followed, no cookies, no proxy
/// (the guest sees the exchange it asked for). The exchange runs on the thread pool while the guest goes
/// on; its <c>future-incoming-response</c> becomes ready with the response head.
/// </summary>
internal static class OutgoingClient
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    });

    /// <summary>The exchange, or the <c>error-code</c> that refuses the request before anything is sent.</summary>
    public static (Task<(IncomingResponse?, ComponentValue?)>? Exchange, ComponentValue? Error) Start(OutgoingRequest request, RequestOptions? options, HttpScope scope)
    {
        var method = HttpValues.MethodName(request.Method);
        if (method == null) return (null, HttpValues.Error("HTTP-request-method-invalid"));
        if (request.Authority is not { Length: > 0 } authority) return (null, HttpValues.Error("HTTP-request-URI-invalid"));
        var scheme = request.Scheme is { } s ? HttpValues.SchemeName(s) : "https";
        if (scheme is not ("http" or "https")) return (null, HttpValues.Error("HTTP-request-URI-invalid"));
        if (!Uri.TryCreate($"{scheme}://{authority}{request.PathWithQuery ?? "/"}", UriKind.Absolute, out var uri))
            return (null, HttpValues.Error("HTTP-request-URI-invalid"));

        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        if (request.Sink is { } sink) message.Content = new StreamContent(sink.Content);
        foreach (var (name, value) in request.Headers.Entries)
        {
            var text = HttpScope.Latin1(value);
            if (!message.Headers.TryAddWithoutValidation(name, text))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }
        var firstByte = Timeout(options?.FirstByteTimeout, options?.ConnectTimeout);
        var betweenBytes = options?.BetweenBytesTimeout is { } ns ? TimeSpan.FromTicks((long)(ns / 100)) : (TimeSpan?)null;
        return (Send(message, firstByte, betweenBytes, scope), null);
    }

    private static TimeSpan? Timeout(ulong? firstByte, ulong? connect)
    {
        ulong? nanoseconds = firstByte ?? connect;
        return nanoseconds is { } ns ? TimeSpan.FromTicks((long)Math.Min(ns / 100, (ulong)TimeSpan.MaxValue.Ticks)) : null;
    }

    private static async Task<(IncomingResponse?, ComponentValue?)> Send(HttpRequestMessage message, TimeSpan? firstByte, TimeSpan? betweenBytes, HttpScope scope)
    {
        using var cancel = firstByte is { } timeout ? new CancellationTokenSource(timeout) : null;
        try
        {
            var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancel?.Token ?? default).ConfigureAwait(false);
            var headers = new HttpFields();
            AddAll(headers, response.Headers);
            AddAll(headers, response.Content.Headers);
            headers.Freeze();
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var body = new IncomingBody(new BodyInput(stream, scope, betweenBytes), () => Trailers(response));
            return (new IncomingResponse((ushort)response.StatusCode, headers, body), null);
        }
        catch (OperationCanceledException)
        {
            return (null, HttpValues.Error("HTTP-response-timeout"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return (null, HttpValues.FromException(e));
        }
    }

    private static HttpFields? Trailers(HttpResponseMessage response)
    {
        if (!response.TrailingHeaders.Any()) return null;
        var trailers = new HttpFields();
        AddAll(trailers, response.TrailingHeaders);
        trailers.Freeze();
        return trailers;
    }

    private static void AddAll(HttpFields fields, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
            foreach (var value in values) fields.AddTrusted(name, System.Text.Encoding.Latin1.GetBytes(value));
    }
}
