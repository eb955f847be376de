using Heron.Components;
using Microsoft.AspNetCore.Http;

namespace Heron.Http;

/// <summary>
/// The request being served and its answer: what <c>response-outparam.set</c> was given, and the response
/// started on the client's connection from it (status, headers, then the body as the guest writes it).
/// </summary>
internal sealed class ServerExchange(HttpContext context)
{
    public HttpContext Context { get; } = context;

    /// <summary>The response the guest set; null until it does.</summary>
    public OutgoingResponse? Response { get; private set; }

    /// <summary>The error the guest answered with instead of a response.</summary>
    public ComponentValue? Error { get; private set; }

    public bool IsSet { get; private set; }

    /// <summary>Sends the status and headers; the body follows as the guest writes it.</summary>
    public void Set(OutgoingResponse response)
    {
        IsSet = true;
        Response = response;
        var http = Context.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers.Entries)
        {
            if (name == "content-length" && long.TryParse(HttpScope.Latin1(value), out var length))
            {
                http.ContentLength = length;
                response.Sink.ContentLength = length;
                continue;
            }
            http.Headers.Append(name, HttpScope.Latin1(value));
        }
        response.Sink.Attach(http);
    }

    public void SetError(ComponentValue error)
    {
        IsSet = true;
        Error = error;
    }
}

/// <summary>The object behind the <c>response-outparam</c> of one request; it can be set once.</summary>
internal sealed class ResponseOutparam(ServerExchange exchange)
{
    public ServerExchange Exchange { get; } = exchange;
}
