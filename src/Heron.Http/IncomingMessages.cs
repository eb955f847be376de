namespace Heron.Http;

/// <summary>The object behind an <c>incoming-request</c>: the request being served, as the guest sees it.</summary>
internal sealed class IncomingRequest(string method, string? pathWithQuery, string? scheme, string? authority, HttpFields headers, IncomingBody body)
{
    private bool consumed;

    public string Method { get; } = method;
    public string? PathWithQuery { get; } = pathWithQuery;
    public string? Scheme { get; } = scheme;
    public string? Authority { get; } = authority;
    public HttpFields Headers { get; } = headers;

    /// <summary>The body, once: a second <c>consume</c> answers an error, as the interface says.</summary>
    public IncomingBody? Consume()
    {
        if (consumed) return null;
        consumed = true;
        return body;
    }
}

/// <summary>The object behind an <c>incoming-response</c>: a response to a request the guest sent.</summary>
internal sealed class IncomingResponse(ushort status, HttpFields headers, IncomingBody body)
{
    private bool consumed;

    public ushort Status { get; } = status;
    public HttpFields Headers { get; } = headers;

    public IncomingBody? Consume()
    {
        if (consumed) return null;
        consumed = true;
        return body;
    }
}

/// <summary>
/// The object behind an <c>incoming-body</c>: a stream to read, once, and the trailers that follow it,
/// which are known once the stream has been read to its end.
/// </summary>
internal sealed class IncomingBody(BodyInput stream, Func<HttpFields?> trailers)
{
    private bool streamTaken;

    public BodyInput? TakeStream()
    {
        if (streamTaken) return null;
        streamTaken = true;
        return stream;
    }

    public FutureTrailers Finish() => new(trailers());
}

/// <summary>The object behind a <c>future-trailers</c>: ready at once (the body was read), its value taken once.</summary>
internal sealed class FutureTrailers(HttpFields? trailers)
{
    private bool taken;

    public bool TryTake(out HttpFields? value)
    {
        value = trailers;
        if (taken) return false;
        taken = true;
        return true;
    }
}
