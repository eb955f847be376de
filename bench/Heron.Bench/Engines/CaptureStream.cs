namespace Heron.Bench.Engines;

/// <summary>A write-only stream into one side of an <see cref="OutputCapture"/>.</summary>
internal sealed class CaptureStream(OutputCapture capture, bool toStderr) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (toStderr) capture.WriteStderr(buffer);
        else capture.WriteStdout(buffer);
    }
}
