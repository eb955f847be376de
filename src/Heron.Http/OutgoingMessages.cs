using Heron.Components;

namespace Heron.Http;

/// <summary>The object behind an <c>outgoing-response</c>: status, headers (fixed once given) and a body made once.</summary>
internal sealed class OutgoingResponse(HttpFields headers)
{
    private OutgoingBody? body;

    public ushort Status { get; set; } = 200;
    public HttpFields Headers { get; } = headers;
    public ResponseSink Sink { get; } = new();

    /// <summary>True once the guest asked for the body: it must then finish it.</summary>
    public bool BodyTaken => body != null;

    /// <summary>The body, the first time; null after (<c>body</c> answers an error then).</summary>
    public OutgoingBody? TakeBody()
    {
        if (body != null) return null;
        body = new OutgoingBody(Sink);
        return body;
    }
}

/// <summary>The object behind an <c>outgoing-request</c>.</summary>
internal sealed class OutgoingRequest(HttpFields headers)
{
    private OutgoingBody? body;

    public ComponentValue Method { get; set; } = ComponentValue.Variant("get");
    public ComponentValue? Scheme { get; set; }
    public string? Authority { get; set; }
    public string? PathWithQuery { get; set; }
    public HttpFields Headers { get; } = headers;

    /// <summary>The body's sink once the guest asked for the body; a request without one is sent empty.</summary>
    public RequestSink? Sink { get; private set; }

    public OutgoingBody? TakeBody()
    {
        if (body != null) return null;
        Sink = new RequestSink();
        body = new OutgoingBody(Sink);
        return body;
    }
}

/// <summary>
/// The object behind an <c>outgoing-body</c>: its one output stream, then <c>finish</c>. Dropped without
/// finishing (the table disposes it), the message is incomplete: the sink is abandoned.
/// </summary>
internal sealed class OutgoingBody(BodySink sink) : IDisposable
{
    private bool streamTaken;

    public BodySink Sink { get; } = sink;

    public bool TakeStream()
    {
        if (streamTaken) return false;
        streamTaken = true;
        return true;
    }

    public void Dispose() => Sink.Abandon();
}

/// <summary>The object behind a <c>request-options</c>: the timeouts of one outgoing request, in nanoseconds.</summary>
internal sealed class RequestOptions
{
    public ulong? ConnectTimeout { get; set; }
    public ulong? FirstByteTimeout { get; set; }
    public ulong? BetweenBytesTimeout { get; set; }
}
