namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>wasi:io/streams.input-stream</c>. Most reads from the host never wait on another
/// party for longer than the read itself (a file, or a standard stream the embedder supplied), so for them
/// the non-blocking and blocking reads are the same read. A stream fed by a peer (a socket) overrides
/// <see cref="ReadAvailableCore"/> and <see cref="Subscribe"/>, so a non-blocking read can answer "nothing
/// yet" and a pollable can wait for the peer.
/// </summary>
internal abstract class HostInputStream
{
    /// <summary>What <see cref="ReadAvailableCore"/> answers when no byte has arrived yet and the stream goes on.</summary>
    protected const int NothingYet = -1;

    private bool closed;

    /// <summary>Reads up to <paramref name="buffer"/>'s length, waiting for at least one byte; 0 at the end.</summary>
    protected abstract int ReadCore(Span<byte> buffer);

    /// <summary>Reads what has arrived without waiting: <see cref="NothingYet"/> when nothing has, 0 at the end.</summary>
    protected virtual int ReadAvailableCore(Span<byte> buffer) => ReadCore(buffer);

    /// <summary>What <c>subscribe</c> returns: ready at once unless the stream waits on a peer.</summary>
    public virtual HostPollable Subscribe() => new ReadyPollable();

    /// <summary>
    /// Up to <paramref name="length"/> bytes, waiting for the first one when <paramref name="blocking"/>
    /// (otherwise perhaps none); <see cref="StreamFailure"/> at the end or on failure.
    /// </summary>
    public byte[] Read(ulong length, bool blocking = true)
    {
        if (closed) throw StreamFailure.Closed();
        if (length == 0) return [];
        var buffer = new byte[(int)Math.Min(length, MaxChunk)];
        int read;
        try
        {
            read = blocking ? ReadCore(buffer) : ReadAvailableCore(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException or WasiErrnoException or System.Net.Sockets.SocketException)
        {
            closed = true;
            throw StreamFailure.Failed(HostError.From(e));
        }
        if (read == NothingYet) return [];
        if (read == 0)
        {
            closed = true;
            throw StreamFailure.Closed();
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Reads and discards up to <paramref name="length"/> bytes, returning how many.</summary>
    public ulong Skip(ulong length, bool blocking = true) => (ulong)Read(length, blocking).Length;

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
