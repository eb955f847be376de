namespace Heron.Http;

/// <summary>
/// Where the bytes of an <c>outgoing-body</c> go: the HTTP response being served, or the request sent
/// out. Writes arrive through the body's <c>output-stream</c>; <see cref="Finish"/> ends the body (with
/// trailers), <see cref="Abandon"/> is the guest dropping it unfinished, which makes the message incomplete.
/// </summary>
internal abstract class BodySink
{
    /// <summary>True once finished or abandoned: the body's stream is closed then.</summary>
    public bool Completed { get; private set; }

    /// <summary>True once finished with <c>outgoing-body.finish</c> (not merely dropped).</summary>
    public bool Finished { get; private set; }

    /// <summary>The <c>error-code</c> a failed write left, which <c>http-error-code</c> and <c>finish</c> report.</summary>
    public Heron.Components.ComponentValue? Failure { get; protected set; }

    public abstract void Write(ReadOnlySpan<byte> bytes);

    public abstract void Flush();

    /// <summary>Ends the body; returns the <c>error-code</c> it ended in, or null.</summary>
    public Heron.Components.ComponentValue? Finish(HttpFields? trailers)
    {
        if (Completed) return Failure;
        Completed = true;
        Finished = true;
        return Failure ?? FinishCore(trailers);
    }

    public void Abandon()
    {
        if (Completed) return;
        Completed = true;
        AbandonCore();
    }

    protected abstract Heron.Components.ComponentValue? FinishCore(HttpFields? trailers);

    protected abstract void AbandonCore();
}
