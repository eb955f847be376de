using Heron.Components;
using Microsoft.AspNetCore.Http;

namespace Heron.Http;

/// <summary>
/// The body of an <c>outgoing-response</c>. Until the response is handed to <c>response-outparam.set</c>
/// it has nowhere to go, so writes are held (up to <see cref="MaxHeld"/> bytes); once it is the response
/// being served, they go straight to the client, so a guest that streams its body streams it to the client.
/// </summary>
internal sealed class ResponseSink : BodySink
{
    /// <summary>What a guest may write before it sends its response: enough for any page, bounded for the host.</summary>
    public const int MaxHeld = 64 << 20;

    private MemoryStream? held = new();
    private HttpResponse? target;
    private long written;

    /// <summary>The declared <c>content-length</c>, checked against what is written.</summary>
    public long? ContentLength { get; set; }

    /// <summary>True once a write reached the client: from then on a failure can only abort the connection.</summary>
    public bool Started => target is { HasStarted: true };

    /// <summary>The response is being sent: what was held goes first, later writes follow it.</summary>
    public void Attach(HttpResponse response)
    {
        target = response;
        if (held is { Length: > 0 } bytes) response.Body.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
        held = null;
    }

    public override void Write(ReadOnlySpan<byte> bytes)
    {
        written += bytes.Length;
        if (ContentLength is { } limit && written > limit)
        {
            Failure = ComponentValue.Variant("HTTP-response-body-size", ComponentValue.Some(ComponentValue.U64((ulong)written)));
            return;
        }
        if (target != null)
        {
            target.Body.Write(bytes);
            return;
        }
        if (held!.Length + bytes.Length > MaxHeld)
        {
            Failure = HttpValues.InternalError($"more than {MaxHeld} bytes of body written before the response was sent");
            return;
        }
        held.Write(bytes);
    }

    public override void Flush() => target?.Body.Flush();

    protected override ComponentValue? FinishCore(HttpFields? trailers)
    {
        if (ContentLength is { } length && written != length)
            return ComponentValue.Variant("HTTP-response-body-size", ComponentValue.Some(ComponentValue.U64((ulong)written)));
        if (trailers != null && target != null && target.SupportsTrailers())
            foreach (var (name, value) in trailers.Entries) target.AppendTrailer(name, HttpScope.Latin1(value));
        return null;
    }

    protected override void AbandonCore() => held = null;
}
