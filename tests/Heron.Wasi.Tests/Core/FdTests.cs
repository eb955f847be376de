using System.Text;

namespace Heron.Wasi.Tests.Core;

public sealed class FdTests
{
    private const int Creat = 1, Directory = 2, Excl = 4, Trunc = 8;
    private const ulong FdRead = 1 << 1, FdSeek = 1 << 2, FdTell = 1 << 5, FdWrite = 1 << 6, FdReaddir = 1 << 14;

    [Fact]
    public void FdWriteGathersEveryIovecIntoStdout()
    {
        using var h = new GuestHarness();
        var hello = h.String("hello, ");
        var world = h.String("world");
        int iovs = h.Iovecs(hello, (0, 0), world);
        int written = h.Alloc(4);
        Assert.Equal(Errno.Success, h.Context.Fd.FdWrite(h.Memory, 1, iovs, 3, written));
        Assert.Equal(12u, h.U32(written));
        Assert.Equal("hello, world", Encoding.UTF8.GetString(h.StandardOutput.ToArray()));
    }

    [Fact]
    public void FdWriteToStderrAndInvalidFd()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Write(2, "oops", out _));
        Assert.Equal("oops", Encoding.UTF8.GetString(h.StandardError.ToArray()));
        Assert.Equal(Errno.Badf, h.Write(42, "x", out _));
        Assert.Equal(Errno.NotCapable, h.Write(0, "x", out _));
    }

    [Fact]
    public void FdWriteWithIovecOutsideMemoryFaults()
    {
        using var h = new GuestHarness();
        int iovs = h.Iovecs((h.Memory.Length - 2, 4));
        int written = h.Alloc(4);
        Assert.Equal(Errno.Fault, h.Context.Fd.FdWrite(h.Memory, 1, iovs, 1, written));
        Assert.Equal(Errno.Fault, h.Context.Fd.FdWrite(h.Memory, 1, h.Memory.Length - 4, 1, written));
        Assert.Equal(Errno.Fault, h.Context.Fd.FdWrite(h.Memory, 1, 0, int.MaxValue, written));
        Assert.Empty(h.StandardOutput.ToArray());
    }

    [Fact]
    public void FdReadReadsStdinUntilEndOfStream()
    {
        using var h = new GuestHarness();
        h.StandardInput.Write("abc"u8);
        h.StandardInput.Position = 0;
        Assert.Equal(Errno.Success, h.Read(0, 2, out var first));
        Assert.Equal("ab", first);
        Assert.Equal(Errno.Success, h.Read(0, 10, out var second));
        Assert.Equal("c", second);
        Assert.Equal(Errno.Success, h.Read(0, 10, out var end));
        Assert.Equal("", end);
    }

    [Fact]
    public void StdioFdstatIsNotSeekable()
    {
        using var h = new GuestHarness();
        int stat = h.Alloc(24);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatGet(h.Memory, 1, stat));
        ulong rights = h.U64(stat + 8);
        Assert.Equal(FdWrite, rights & FdWrite);
        Assert.Equal(0UL, rights & (FdSeek | FdTell));
        int offset = h.Alloc(8);
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdSeek(h.Memory, 1, 0, 0, offset));
    }

    [Fact]
    public void PrestatDescribesThePreopenAndNothingElse()
    {
        using var h = new GuestHarness(c => c.PreopenDirectory(Path.GetTempPath(), "/tmp-data"));
        int prestat = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Fd.FdPrestatGet(h.Memory, 3, prestat));
        Assert.Equal(0, h.Memory[prestat]);
        Assert.Equal(1u, h.U32(prestat + 4));
        Assert.Equal(Errno.Success, h.Context.Fd.FdPrestatGet(h.Memory, 4, prestat));
        Assert.Equal(9u, h.U32(prestat + 4));
        int name = h.Alloc(16, 1);
        Assert.Equal(Errno.NameTooLong, h.Context.Fd.FdPrestatDirName(h.Memory, 4, name, 8));
        Assert.Equal(Errno.Success, h.Context.Fd.FdPrestatDirName(h.Memory, 4, name, 16));
        Assert.Equal("/tmp-data", h.Text(name, 9));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdPrestatGet(h.Memory, 1, prestat));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdPrestatGet(h.Memory, 5, prestat));
    }

    [Fact]
    public void PreopenHasTheDirectoryRightsLibcExpects()
    {
        using var h = new GuestHarness();
        int stat = h.Alloc(24);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatGet(h.Memory, 3, stat));
        Assert.Equal(3, h.Memory[stat]);
        ulong rightsBase = h.U64(stat + 8), inheriting = h.U64(stat + 16);
        Assert.Equal(0UL, rightsBase & (FdSeek | FdRead | FdWrite | (1UL << 22)));
        Assert.Equal(FdReaddir, rightsBase & FdReaddir);
        Assert.Equal(FdRead | FdWrite | FdSeek, inheriting & (FdRead | FdWrite | FdSeek));
    }

    [Fact]
    public void WriteSeekTellReadRoundTripThroughAFile()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("file.txt", out int fd, Creat));
        Assert.True(fd > 3);
        Assert.Equal(Errno.Success, h.Write(fd, "0123456789", out int written));
        Assert.Equal(10, written);
        int result = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Fd.FdTell(h.Memory, fd, result));
        Assert.Equal(10UL, h.U64(result));
        Assert.Equal(Errno.Success, h.Context.Fd.FdSeek(h.Memory, fd, -4, 1, result));
        Assert.Equal(6UL, h.U64(result));
        Assert.Equal(Errno.Success, h.Read(fd, 100, out var tail));
        Assert.Equal("6789", tail);
        Assert.Equal(Errno.Success, h.Context.Fd.FdSeek(h.Memory, fd, -3, 2, result));
        Assert.Equal(7UL, h.U64(result));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdSeek(h.Memory, fd, -100, 1, result));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdSeek(h.Memory, fd, 0, 3, result));
        Assert.Equal(Errno.Success, h.Context.Fd.FdClose(h.Memory, fd));
        Assert.Equal("0123456789", File.ReadAllText(Path.Combine(h.Sandbox, "file.txt")));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdClose(h.Memory, fd));
    }

    [Fact]
    public void PreadAndPwriteLeaveTheOffsetAlone()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "data"), "abcdefgh");
        Assert.Equal(Errno.Success, h.Open("data", out int fd));
        var text = h.String("XY");
        int iovs = h.Iovecs(text);
        int result = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Fd.FdPwrite(h.Memory, fd, iovs, 1, 2, result));
        Assert.Equal(2u, h.U32(result));
        int buffer = h.Alloc(3, 1);
        int readIovs = h.Iovecs((buffer, 3));
        Assert.Equal(Errno.Success, h.Context.Fd.FdPread(h.Memory, fd, readIovs, 1, 1, result));
        Assert.Equal("bXY", h.Text(buffer, 3));
        Assert.Equal(Errno.Success, h.Context.Fd.FdTell(h.Memory, fd, result));
        Assert.Equal(0UL, h.U64(result));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdPread(h.Memory, fd, readIovs, 1, -1, result));
    }

    [Fact]
    public void AppendFlagWritesAtTheEndWhateverTheOffset()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "log"), "start");
        Assert.Equal(Errno.Success, h.Open("log", out int fd, fdFlags: 1));
        int result = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Fd.FdSeek(h.Memory, fd, 0, 0, result));
        Assert.Equal(Errno.Success, h.Write(fd, "+end", out _));
        Assert.Equal("start+end", File.ReadAllText(Path.Combine(h.Sandbox, "log")));
        int stat = h.Alloc(24);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatGet(h.Memory, fd, stat));
        Assert.Equal(1, h.U16(stat + 2));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatSetFlags(h.Memory, fd, 0));
        Assert.Equal(Errno.Success, h.Context.Fd.FdSeek(h.Memory, fd, 0, 0, result));
        Assert.Equal(Errno.Success, h.Write(fd, "S", out _));
        Assert.Equal("Start+end", File.ReadAllText(Path.Combine(h.Sandbox, "log")));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdFdstatSetFlags(h.Memory, fd, 1 << 8));
    }

    [Fact]
    public void DroppedRightsStayDropped()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("f", out int fd, Creat, FdRead | FdWrite | FdSeek | FdTell, 0));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatSetRights(h.Memory, fd, (long)(FdSeek | FdTell), 0));
        Assert.Equal(Errno.NotCapable, h.Write(fd, "x", out _));
        Assert.Equal(Errno.NotCapable, h.Read(fd, 4, out _));
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdFdstatSetRights(h.Memory, fd, (long)(FdSeek | FdTell | FdRead), 0));
        int stat = h.Alloc(24);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatGet(h.Memory, fd, stat));
        Assert.Equal(FdSeek | FdTell, h.U64(stat + 8));
    }

    [Fact]
    public void ReadOnlyRightsForbidWritingAndWriteOnlyForbidReading()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "f"), "data");
        Assert.Equal(Errno.Success, h.Open("f", out int reader, rightsBase: FdRead));
        Assert.Equal(Errno.NotCapable, h.Write(reader, "x", out _));
        Assert.Equal(Errno.Success, h.Read(reader, 10, out var text));
        Assert.Equal("data", text);
        Assert.Equal(Errno.Success, h.Open("f", out int writer, rightsBase: FdWrite));
        Assert.Equal(Errno.NotCapable, h.Read(writer, 10, out _));
        Assert.Equal(Errno.Success, h.Write(writer, "DA", out _));
        Assert.Equal("DAta", File.ReadAllText(Path.Combine(h.Sandbox, "f")));
    }

    [Fact]
    public void FilestatReportsSizeTypeAndInode()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "a"), "12345");
        File.WriteAllText(Path.Combine(h.Sandbox, "b"), "1");
        Assert.Equal(Errno.Success, h.Open("a", out int a));
        Assert.Equal(Errno.Success, h.Open("b", out int b));
        int sa = h.Alloc(64), sb = h.Alloc(64);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatGet(h.Memory, a, sa));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatGet(h.Memory, b, sb));
        Assert.Equal(4, h.FileType(sa));
        Assert.Equal(5UL, h.U64(sa + 32));
        Assert.Equal(h.U64(sa), h.U64(sb));
        Assert.NotEqual(h.U64(sa + 8), h.U64(sb + 8));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatGet(h.Memory, 3, sa));
        Assert.Equal(3, h.FileType(sa));
    }

    [Fact]
    public void SetSizeAllocateAndTimes()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("f", out int fd, Creat));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatSetSize(h.Memory, fd, 100));
        Assert.Equal(Errno.Success, h.Context.Fd.FdAllocate(h.Memory, fd, 90, 20));
        Assert.Equal(Errno.Success, h.Context.Fd.FdAllocate(h.Memory, fd, 0, 10));
        int stat = h.Alloc(64);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatGet(h.Memory, fd, stat));
        Assert.Equal(110UL, h.U64(stat + 32));
        ulong atime = h.U64(stat + 40);
        long mtime = 1_600_000_000_123_456_700;
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatSetTimes(h.Memory, fd, 0, mtime, 4));
        Assert.Equal(Errno.Success, h.Context.Fd.FdFilestatGet(h.Memory, fd, stat));
        Assert.Equal((ulong)mtime, h.U64(stat + 48));
        Assert.Equal(atime, h.U64(stat + 40));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdFilestatSetTimes(h.Memory, fd, 0, mtime, 4 | 8));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdFilestatSetTimes(h.Memory, fd, 0, 0, 1 | 2));
        Assert.Equal(Errno.Success, h.Context.Fd.FdAdvise(h.Memory, fd, 0, 10, 2));
        Assert.Equal(Errno.Inval, h.Context.Fd.FdAdvise(h.Memory, fd, 0, 10, 6));
        Assert.Equal(Errno.Success, h.Context.Fd.FdSync(h.Memory, fd));
        Assert.Equal(Errno.Success, h.Context.Fd.FdDatasync(h.Memory, fd));
    }

    [Fact]
    public void DirectoryDescriptorsRefuseFileOperations()
    {
        using var h = new GuestHarness();
        int result = h.Alloc(8);
        Assert.Equal(Errno.NotCapable, h.Read(3, 8, out _));
        Assert.Equal(Errno.NotCapable, h.Write(3, "x", out _));
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdSeek(h.Memory, 3, 0, 0, result));
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdTell(h.Memory, 3, result));
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdFilestatSetSize(h.Memory, 3, 0));
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdAllocate(h.Memory, 3, 0, 1));
    }

    [Fact]
    public void RenumberMovesTheEntryAndClosesTheTarget()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("one", out int one, Creat));
        Assert.Equal(Errno.Success, h.Open("two", out int two, Creat));
        Assert.Equal(Errno.Success, h.Context.Fd.FdRenumber(h.Memory, one, two));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdClose(h.Memory, one));
        Assert.Equal(Errno.Success, h.Write(two, "via two", out _));
        Assert.Equal("via two", File.ReadAllText(Path.Combine(h.Sandbox, "one")));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdRenumber(h.Memory, two, one));
        Assert.Equal(Errno.Badf, h.Context.Fd.FdRenumber(h.Memory, 99, two));
        Assert.Equal(Errno.Success, h.Context.Fd.FdRenumber(h.Memory, two, two));
    }

    [Fact]
    public void RenumberOverAPreopenRemovesThePreopen()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open(".", out int dir, Directory));
        Assert.Equal(Errno.Success, h.Context.Fd.FdRenumber(h.Memory, dir, 3));
        int prestat = h.Alloc(8);
        Assert.Equal(Errno.Badf, h.Context.Fd.FdPrestatGet(h.Memory, 3, prestat));
    }

    [Fact]
    public void NewDescriptorsTakeTheLowestFreeNumberAboveStdio()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Context.Fd.FdClose(h.Memory, 0));
        Assert.Equal(Errno.Success, h.Open("a", out int a, Creat));
        Assert.Equal(4, a);
        Assert.Equal(Errno.Success, h.Open("b", out int b, Creat));
        Assert.Equal(Errno.Success, h.Context.Fd.FdClose(h.Memory, a));
        Assert.Equal(Errno.Success, h.Open("c", out int c, Creat));
        Assert.Equal(4, c);
        Assert.Equal(5, b);
    }

    [Fact]
    public void ReaddirListsDotEntriesAndResumesFromCookies()
    {
        using var h = new GuestHarness();
        for (int i = 0; i < 30; i++) File.WriteAllText(Path.Combine(h.Sandbox, $"file-{i:D2}"), "");
        System.IO.Directory.CreateDirectory(Path.Combine(h.Sandbox, "sub"));
        var names = new List<string>();
        var types = new Dictionary<string, byte>();
        long cookie = 0;
        int buffer = h.Alloc(100, 8), used = h.Alloc(4);
        for (int calls = 0; calls < 100; calls++)
        {
            Assert.Equal(Errno.Success, h.Context.Fd.FdReaddir(h.Memory, 3, buffer, 100, cookie, used));
            int length = (int)h.U32(used), at = 0;
            while (at + 24 <= length)
            {
                int nameLength = (int)h.U32(buffer + at + 16);
                if (at + 24 + nameLength > length) break;
                string name = h.Text(buffer + at + 24, nameLength);
                names.Add(name);
                types[name] = h.Memory[buffer + at + 20];
                cookie = (long)h.U64(buffer + at);
                at += 24 + nameLength;
            }
            if (length < 100) break;
        }
        Assert.Equal(33, names.Count);
        Assert.Equal([".", ".."], names.Take(2));
        Assert.Equal(3, types["sub"]);
        Assert.Equal(4, types["file-07"]);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void ReaddirOnAFileIsNotdirOrNotcapable()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("f", out int fd, Creat));
        int buffer = h.Alloc(64), used = h.Alloc(4);
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdReaddir(h.Memory, fd, buffer, 64, 0, used));
    }

    [Fact]
    public void ReaddirPastTheEndIsEmpty()
    {
        using var h = new GuestHarness();
        int buffer = h.Alloc(64), used = h.Alloc(4);
        h.WriteU32(used, 99);
        Assert.Equal(Errno.Success, h.Context.Fd.FdReaddir(h.Memory, 3, buffer, 64, 1000, used));
        Assert.Equal(0u, h.U32(used));
        Assert.Equal(Errno.Success, h.Context.Fd.FdReaddir(h.Memory, 3, buffer, 64, long.MinValue, used));
        Assert.Equal(0u, h.U32(used));
    }

    [Fact]
    public void DisposingTheContextClosesOpenFilesButNotTheStandardStreams()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("f", out _, Creat));
        h.Context.Dispose();
        Assert.True(h.StandardOutput.CanWrite);
        // The file handle is gone: the host can open it exclusively.
        File.Open(Path.Combine(h.Sandbox, "f"), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
    }
}
