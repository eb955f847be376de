namespace Heron.Wasi.Tests.Core;

/// <summary>
/// fd_read and fd_pread copy a file into guest memory through a 64 KiB buffer of the host's; a read of
/// several chunks must still read what one pread would, and write nothing past what it read.
/// </summary>
public sealed class HostBufferedReadTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"heron-read-{Guid.NewGuid():N}");
    private readonly byte[] contents = new byte[200_003];

    public HostBufferedReadTests()
    {
        for (int i = 0; i < contents.Length; i++) contents[i] = (byte)(i * 7 + i / 251);
        File.WriteAllBytes(path, contents);
    }

    public void Dispose() => File.Delete(path);

    [Fact]
    public void AReadOfSeveralChunksStopsAtTheEndOfTheFileAndTouchesNothingAfter()
    {
        using var file = File.OpenHandle(path);
        var destination = new byte[300_000];
        Array.Fill(destination, (byte)0xEE);
        int read = HostBufferedRead.FromFile(file, destination, 1_000);
        Assert.Equal(contents.Length - 1_000, read);
        Assert.True(destination.AsSpan(0, read).SequenceEqual(contents.AsSpan(1_000)));
        Assert.All(destination.Skip(read), b => Assert.Equal(0xEE, b));
    }

    [Theory]
    [InlineData(0, 65_536)]        // exactly one chunk
    [InlineData(5, 131_072)]       // exactly two chunks, from an odd offset
    [InlineData(65_535, 65_538)]   // a chunk boundary inside the file's second chunk
    [InlineData(199_000, 3)]
    public void AReadInsideTheFileFillsTheWholeDestination(long position, int length)
    {
        using var file = File.OpenHandle(path);
        var destination = new byte[length];
        Assert.Equal(length, HostBufferedRead.FromFile(file, destination, position));
        Assert.True(destination.AsSpan().SequenceEqual(contents.AsSpan((int)position, length)));
    }

    [Fact]
    public void AReadAtOrPastTheEndReadsNothing()
    {
        using var file = File.OpenHandle(path);
        var destination = new byte[10];
        Assert.Equal(0, HostBufferedRead.FromFile(file, destination, contents.Length));
        Assert.Equal(0, HostBufferedRead.FromFile(file, destination, contents.Length + 100));
        Assert.Equal(0, HostBufferedRead.FromFile(file, Span<byte>.Empty, 0));
    }

    [Fact]
    public void FdReadOfALargeFileThroughTheHarnessAdvancesTheOffsetByWhatItRead()
    {
        using var h = new GuestHarness();
        File.Copy(path, Path.Combine(h.Sandbox, "big"));
        Assert.Equal(Errno.Success, h.Open("big", out int fd));
        int buffer = h.Alloc(40_000, 1);
        int iovs = h.Iovecs((buffer, 20_000), (buffer + 20_000, 20_000));
        int result = h.Alloc(8);
        for (int offset = 0; offset < contents.Length; offset += 40_000)
        {
            Assert.Equal(Errno.Success, h.Context.Fd.FdRead(h.Memory, fd, iovs, 2, result));
            int expected = Math.Min(40_000, contents.Length - offset);
            Assert.Equal((uint)expected, h.U32(result));
            Assert.True(h.Memory.AsSpan(buffer, expected).SequenceEqual(contents.AsSpan(offset, expected)));
        }
        Assert.Equal(Errno.Success, h.Context.Fd.FdRead(h.Memory, fd, iovs, 2, result));
        Assert.Equal(0u, h.U32(result));
    }
}
