namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/streams.output-stream</c>. Most writes complete before they return, so the
/// stream is always ready and <c>check-write</c> always offers <see cref="WriteBudget"/> bytes. A stream to a
/// peer (a socket) sends in the background instead: it overrides <see cref="WritableCore"/>,
/// <see cref="WaitForWritesCore"/> and <see cref="Subscribe"/>.
/// </summary>
internal abstract class HostOutputStream
{
    /// <summary>What <c>check-write</c> permits at once: enough for any buffered writer, bounded for the host.</summary>
    public const ulong WriteBudget = 1 << 20;

    private bool closed;

    protected abstract void WriteCore(ReadOnlySpan<byte> bytes);

    protected virtual void FlushCore()
    {
    }

    /// <summary>How many bytes a write may take now; a failure of earlier background work throws here.</summary>
    protected virtual ulong WritableCore() => WriteBudget;

    /// <summary>Waits until every write made so far has left (the blocking flushes); a failure throws here.</summary>
    protected virtual void WaitForWritesCore()
    {
    }

    /// <summary>What <c>subscribe</c> returns: ready at once unless writes are still under way.</summary>
    public virtual HostPollable Subscribe() => new ReadyPollable();

    public ulong CheckWrite()
    {
        if (closed) throw StreamFailure.Closed();
        ulong writable = 0;
        Guard(default, (stream, _) => writable = stream.WritableCore());
        return writable;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (closed) throw StreamFailure.Closed();
        Guard(bytes, static (stream, b) => stream.WriteCore(b));
    }

    /// <summary>Flushes; with <paramref name="blocking"/>, also waits until the writes have left.</summary>
    public void Flush(bool blocking = false)
    {
        if (closed) throw StreamFailure.Closed();
        Guard(default, static (stream, _) => stream.FlushCore());
        if (blocking) Guard(default, static (stream, _) => stream.WaitForWritesCore());
    }

    private delegate void Operation(HostOutputStream stream, ReadOnlySpan<byte> bytes);

    private void Guard(ReadOnlySpan<byte> bytes, Operation operation)
    {
        try
        {
            operation(this, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException or WasiErrnoException or System.Net.Sockets.SocketException)
        {
            // A failed operation closes the stream: the guest hears of the failure once, then "closed".
            closed = true;
            throw StreamFailure.Failed(HostError.From(e));
        }
    }
}

/// <summary>An output stream over a .NET stream: standard output or error, flushed as the guest asks.</summary>
internal sealed class StreamOutput(Stream stream) : HostOutputStream
{
    protected override void WriteCore(ReadOnlySpan<byte> bytes) => stream.Write(bytes);

    protected override void FlushCore() => stream.Flush();
}

/// <summary>
/// An output stream writing an open file from an offset on (<c>write-via-stream</c>), or at its end each
/// time (<c>append-via-stream</c>).
/// </summary>
internal sealed class FileOutput(FileDescriptor file, long offset, bool append) : HostOutputStream
{
    private long position = offset;

    protected override void WriteCore(ReadOnlySpan<byte> bytes)
    {
        if (append) position = RandomAccess.GetLength(file.Handle!);
        RandomAccess.Write(file.Handle!, bytes, position);
        position += bytes.Length;
    }
}
