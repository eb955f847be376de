namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/streams.input-stream</c>. Reads from the host never wait on another
/// party for longer than the read itself (a file, or a standard stream the embedder supplied), so the
/// non-blocking and blocking reads are the same read; an empty result comes only from asking for nothing.
/// </summary>
internal abstract class HostInputStream
{
    private bool closed;

    /// <summary>Reads up to <paramref name="buffer"/>'s length; 0 at the end.</summary>
    protected abstract int ReadCore(Span<byte> buffer);

    /// <summary>Up to <paramref name="length"/> bytes; <see cref="StreamFailure"/> at the end or on failure.</summary>
    public byte[] Read(ulong length)
    {
        if (closed) throw StreamFailure.Closed();
        if (length == 0) return [];
        var buffer = new byte[(int)Math.Min(length, MaxChunk)];
        int read;
        try
        {
            read = ReadCore(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException or WasiErrnoException)
        {
            closed = true;
            throw StreamFailure.Failed(HostError.From(e));
        }
        if (read == 0)
        {
            closed = true;
            throw StreamFailure.Closed();
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Reads and discards up to <paramref name="length"/> bytes, returning how many.</summary>
    public ulong Skip(ulong length) => (ulong)Read(length).Length;

    /// <summary>One read returns at most this much, so a guest's huge length costs no huge host buffer.</summary>
    public const int MaxChunk = 1 << 20;
}

/// <summary>An input stream over a .NET stream: standard input.</summary>
internal sealed class StreamInput(Stream stream) : HostInputStream
{
    protected override int ReadCore(Span<byte> buffer) => stream.Read(buffer);
}

/// <summary>An input stream reading an open file from an offset on (<c>read-via-stream</c>).</summary>
internal sealed class FileInput(FileDescriptor file, long offset) : HostInputStream
{
    private long position = offset;

    protected override int ReadCore(Span<byte> buffer)
    {
        int read = RandomAccess.Read(file.Handle!, buffer, position);
        position += read;
        return read;
    }
}
