namespace Heron.Bench.Engines;

/// <summary>
/// What a program wrote to stdout and stderr, kept in memory so console output never costs run time and
/// can be compared byte for byte with the expected files.
/// </summary>
internal sealed class OutputCapture
{
    // Wasmtime hands output to a callback on a thread of its own, so writes are serialised.
    private readonly Lock _gate = new();
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();

    public void WriteStdout(ReadOnlySpan<byte> data)
    {
        lock (_gate) _stdout.Write(data);
    }

    public void WriteStderr(ReadOnlySpan<byte> data)
    {
        lock (_gate) _stderr.Write(data);
    }

    /// <summary>A stream into stdout, for engines that take a writable stream.</summary>
    public Stream OpenStdout() => new CaptureStream(this, toStderr: false);

    /// <summary>A stream into stderr, for engines that take a writable stream.</summary>
    public Stream OpenStderr() => new CaptureStream(this, toStderr: true);

    public byte[] Stdout
    {
        get { lock (_gate) return _stdout.ToArray(); }
    }

    public byte[] Stderr
    {
        get { lock (_gate) return _stderr.ToArray(); }
    }
}
