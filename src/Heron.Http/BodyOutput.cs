using Heron.Wasi.Preview2;

namespace Heron.Http;

/// <summary>
/// The <c>output-stream</c> of an <c>outgoing-body</c>: its writes go to the body's sink, and it is
/// closed once the body is finished or dropped.
/// </summary>
internal sealed class BodyOutput(BodySink sink, HttpScope scope) : HostOutputStream
{
    protected override void WriteCore(ReadOnlySpan<byte> bytes)
    {
        Check();
        sink.Write(bytes);
        Check();
    }

    protected override void FlushCore()
    {
        Check();
        sink.Flush();
        Check();
    }

    private void Check()
    {
        if (sink.Failure is { } failure) throw scope.StreamError(failure);
        if (sink.Completed) throw StreamFailure.Closed();
    }
}
