namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/streams.output-stream</c>. Writes complete before they return, so the
/// stream is always ready and <c>check-write</c> always offers <see cref="WriteBudget"/> bytes.
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

    public ulong CheckWrite()
    {
        if (closed) throw StreamFailure.Closed();
        return WriteBudget;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (closed) throw StreamFailure.Closed();
        Guard(bytes, static (stream, b) => stream.WriteCore(b));
    }

    public void Flush()
    {
        if (closed) throw StreamFailure.Closed();
        Guard(default, static (stream, _) => stream.FlushCore());
    }

    private delegate void Operation(HostOutputStream stream, ReadOnlySpan<byte> bytes);

    private void Guard(ReadOnlySpan<byte> bytes, Operation operation)
    {
        try
        {
            operation(this, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException or WasiErrnoException)
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
