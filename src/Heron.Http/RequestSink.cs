using System.Buffers;
using System.IO.Pipelines;
using Heron.Components;

namespace Heron.Http;

/// <summary>
/// The body of an <c>outgoing-request</c>: a pipe whose reading end is the content HttpClient sends, so
/// the guest may write its body after it called <c>outgoing-handler.handle</c>, and a full pipe makes its
/// writes wait for the network (back-pressure) instead of growing without bound.
/// </summary>
internal sealed class RequestSink : BodySink
{
    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));

    /// <summary>What HttpClient reads.</summary>
    public Stream Content => pipe.Reader.AsStream();

    public override void Write(ReadOnlySpan<byte> bytes)
    {
        pipe.Writer.Write(bytes);
        Flush();
    }

    public override void Flush()
    {
        var result = pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        // The reading end completed early: the exchange ended (the server closed, or the send failed).
        if (result.IsCompleted) Failure = HttpValues.Error("connection-terminated");
    }

    protected override ComponentValue? FinishCore(HttpFields? trailers)
    {
        pipe.Writer.Complete();
        return null;
    }

    protected override void AbandonCore() =>
        pipe.Writer.Complete(new IOException("the guest dropped the outgoing body without finishing it"));
}
