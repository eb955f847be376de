namespace Heron.Wasi.Tests.Core;

public sealed class PathTests
{
    private const int Creat = 1, Directory = 2, Excl = 4, Trunc = 8, Follow = 1;
    private const ulong FdRead = 1 << 1, FdWrite = 1 << 6, PathFilestatSetSize = 1 << 19;

    [Fact]
    public void OpenCreatesExclusivelyAndTruncates()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.NoEnt, h.Open("missing", out _));
        Assert.Equal(Errno.Success, h.Open("f", out int fd, Creat | Excl));
        Assert.Equal(Errno.Success, h.Write(fd, "content", out _));
        Assert.Equal(Errno.Exist, h.Open("f", out _, Creat | Excl));
        Assert.Equal(Errno.Success, h.Open("f", out int again, Trunc));
        Assert.Equal(0, new FileInfo(Path.Combine(h.Sandbox, "f")).Length);
        Assert.Equal(Errno.NotDir, h.Open("f", out _, Directory));
        Assert.Equal(Errno.NotDir, h.Open("f/", out _));
        Assert.True(again > fd);
    }

    [Fact]
    public void OpeningADirectoryForWritingIsIsdir()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open(".", out _, Directory, FdRead));
        Assert.Equal(Errno.IsDir, h.Open(".", out _, Directory, FdRead | FdWrite));
        Assert.Equal(Errno.IsDir, h.Open(".", out _, Trunc));
        Assert.Equal(Errno.Success, h.Open(".", out _, 0, 0, 0));
    }

    [Fact]
    public void TruncationNeedsThePathFilestatSetSizeRight()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "f"), "x");
        int stat = h.Alloc(24);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatGet(h.Memory, 3, stat));
        long rightsBase = (long)h.U64(stat + 8), inheriting = (long)h.U64(stat + 16);
        Assert.Equal(Errno.Success, h.Context.Fd.FdFdstatSetRights(h.Memory, 3, rightsBase & ~(long)PathFilestatSetSize, inheriting));
        Assert.Equal(Errno.NotCapable, h.Open("f", out _, Trunc, 0, 0));
        Assert.Equal("x", File.ReadAllText(Path.Combine(h.Sandbox, "f")));
    }

    [Fact]
    public void DotsAndRepeatedSlashesResolveInside()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("dir"));
        Assert.Equal(Errno.Success, h.Mkdir("dir/nested"));
        Assert.Equal(Errno.Success, h.Open("dir/nested/file", out int f, Creat));
        Assert.Equal(Errno.Success, h.Context.Fd.FdClose(h.Memory, f));
        Assert.Equal(Errno.Success, h.Open("dir/.//nested/../../dir/nested/../nested///./file", out _));
        Assert.Equal(Errno.Success, h.Open("dir/nested///", out _, rightsBase: FdRead));
        Assert.Equal(Errno.IsDir, h.Open("dir/nested/", out _, rightsBase: FdRead | FdWrite));
        Assert.Equal(Errno.NotDir, h.Open("dir/nested/file///", out _));
        Assert.Equal(Errno.Inval, h.Open("dir/nested/file\0", out _));
    }

    [Fact]
    public void CreateAndRemoveDirectories()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("d"));
        Assert.Equal(Errno.Exist, h.Mkdir("d"));
        Assert.Equal(Errno.Success, h.Mkdir("d/e"));
        Assert.Equal(Errno.NoEnt, h.Mkdir("x/y"));
        Assert.Equal(Errno.NotEmpty, h.Rmdir("d"));
        Assert.Equal(Errno.Success, h.Rmdir("d/e/"));
        Assert.Equal(Errno.Success, h.Rmdir("d"));
        Assert.Equal(Errno.NoEnt, h.Rmdir("d"));
        Assert.Equal(Errno.Success, h.Open("file", out _, Creat));
        Assert.Equal(Errno.NotDir, h.Rmdir("file"));
        Assert.Equal(Errno.NotDir, h.Rmdir("file/"));
        Assert.Equal(Errno.Inval, h.Rmdir("."));
    }

    [Fact]
    public void UnlinkRemovesFilesAndLinksButNotDirectories()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("dir"));
        Assert.Equal(Errno.IsDir, h.Unlink("dir"));
        Assert.Equal(Errno.IsDir, h.Unlink("dir/"));
        Assert.Equal(Errno.Success, h.Open("file", out _, Creat));
        Assert.Equal(Errno.NotDir, h.Unlink("file/"));
        Assert.Equal(Errno.Success, h.Symlink("dir", "link"));
        Assert.Equal(Errno.Success, h.Unlink("link"));
        Assert.True(System.IO.Directory.Exists(Path.Combine(h.Sandbox, "dir")));
        Assert.Equal(Errno.Success, h.Unlink("file"));
        Assert.Equal(Errno.NoEnt, h.Unlink("file"));
    }

    [Fact]
    public void RenameFollowsPosixRules()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("source"));
        Assert.Equal(Errno.Success, h.Rename("source/", "target"));
        Assert.Equal(Errno.Success, h.Rename("target", "source/"));
        Assert.Equal(Errno.Success, h.Mkdir("empty"));
        Assert.Equal(Errno.Success, h.Rename("source", "empty"));
        Assert.False(System.IO.Directory.Exists(Path.Combine(h.Sandbox, "source")));
        Assert.Equal(Errno.Success, h.Mkdir("full"));
        Assert.Equal(Errno.Success, h.Open("full/f", out _, Creat));
        Assert.Equal(Errno.NotEmpty, h.Rename("empty", "full"));
        Assert.Equal(Errno.NotDir, h.Rename("empty", "full/f"));
        Assert.Equal(Errno.IsDir, h.Rename("full/f", "empty"));
        Assert.Equal(Errno.Inval, h.Rename("full", "full/inner"));
        Assert.Equal(Errno.Success, h.Open("a", out _, Creat));
        Assert.Equal(Errno.Success, h.Rename("a", "full/f"));
        Assert.Equal(Errno.NoEnt, h.Rename("a", "b"));
        Assert.Equal(Errno.NotDir, h.Rename("full/f", "b/"));
    }

    [Fact]
    public void SymlinksReadlinkAndLookupFlags()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("target", out int t, Creat));
        Assert.Equal(Errno.Success, h.Write(t, "hello", out _));
        Assert.Equal(Errno.Success, h.Symlink("target", "link"));
        Assert.Equal(Errno.Exist, h.Symlink("target", "link"));
        Assert.Equal(Errno.NoEnt, h.Symlink("target", "newlink/"));

        var (p, n) = h.String("link");
        int buffer = h.Alloc(10, 1), used = h.Alloc(4);
        Assert.Equal(Errno.Success, h.Context.Path.PathReadlink(h.Memory, 3, p, n, buffer, 10, used));
        Assert.Equal(6u, h.U32(used));
        Assert.Equal("target", h.Text(buffer, 6));
        Assert.Equal(0, h.Memory[buffer + 6]);
        Assert.Equal(Errno.Success, h.Context.Path.PathReadlink(h.Memory, 3, p, n, buffer, 4, used));
        Assert.Equal(4u, h.U32(used));
        var (tp, tn) = h.String("target");
        Assert.Equal(Errno.Inval, h.Context.Path.PathReadlink(h.Memory, 3, tp, tn, buffer, 10, used));

        Assert.Equal(Errno.Loop, h.Open("link", out _));
        Assert.Equal(Errno.Success, h.Open("link", out int viaLink, lookupFlags: Follow));
        Assert.Equal(Errno.Success, h.Read(viaLink, 10, out var text));
        Assert.Equal("hello", text);

        Assert.Equal(Errno.Success, h.Stat("link", out int linkStat));
        Assert.Equal(7, h.FileType(linkStat));
        Assert.Equal(Errno.Success, h.Stat("link", out int targetStat, Follow));
        Assert.Equal(4, h.FileType(targetStat));
        Assert.Equal(5UL, h.U64(targetStat + 32));
    }

    [Fact]
    public void DanglingAndSelfReferencingLinks()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Symlink("nowhere", "dangling"));
        Assert.Equal(Errno.Loop, h.Open("dangling", out _));
        Assert.Equal(Errno.NoEnt, h.Open("dangling", out _, lookupFlags: Follow));
        Assert.Equal(Errno.Success, h.Symlink("self", "self"));
        Assert.Equal(Errno.Loop, h.Open("self", out _, lookupFlags: Follow));
        Assert.Equal(Errno.Loop, h.Open("self/x", out _));
        Assert.Equal(Errno.Success, h.Unlink("self"));
        Assert.Equal(Errno.Success, h.Unlink("dangling"));
    }

    [Fact]
    public void LinkDirectoryThroughSymlinkWithFollow()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("target"));
        Assert.Equal(Errno.Success, h.Symlink("target", "symlink"));
        Assert.Equal(Errno.Loop, h.Open("symlink", out _, Directory));
        Assert.Equal(Errno.Success, h.Open("symlink", out int dir, Directory, lookupFlags: Follow));
        Assert.Equal(Errno.Success, h.Open("inside", out _, Creat, directory: dir));
        Assert.True(File.Exists(Path.Combine(h.Sandbox, "target", "inside")));
    }

    [Fact]
    public void HardLinksShareTheInode()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("file", out _, Creat));
        var (o, on) = h.String("file");
        var (l, ln) = h.String("link");
        Assert.Equal(Errno.Success, h.Context.Path.PathLink(h.Memory, 3, 0, o, on, 3, l, ln));
        Assert.Equal(Errno.Exist, h.Context.Path.PathLink(h.Memory, 3, 0, o, on, 3, l, ln));
        Assert.Equal(Errno.Success, h.Stat("file", out int a));
        Assert.Equal(Errno.Success, h.Stat("link", out int b));
        Assert.Equal(h.U64(a + 8), h.U64(b + 8));
        Assert.Equal(2UL, h.U64(b + 24));
        Assert.Equal(Errno.Success, h.Mkdir("dir"));
        var (d, dn) = h.String("dir");
        var (x, xn) = h.String("x");
        Assert.Equal(Errno.Perm, h.Context.Path.PathLink(h.Memory, 3, 0, d, dn, 3, x, xn));
        var (s, sn) = h.String("x/");
        Assert.Equal(Errno.NoEnt, h.Context.Path.PathLink(h.Memory, 3, 0, o, on, 3, s, sn));
    }

    [Fact]
    public void PathFilestatSetTimesOnTheLinkOrItsTarget()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("file", out _, Creat));
        Assert.Equal(Errno.Success, h.Symlink("file", "link"));
        Assert.Equal(Errno.Success, h.Stat("file", out int before));
        ulong fileMtime = h.U64(before + 48);
        var (p, n) = h.String("link");
        long linkTime = 1_500_000_000_000_000_000;
        Assert.Equal(Errno.Success, h.Context.Path.PathFilestatSetTimes(h.Memory, 3, 0, p, n, 0, linkTime, 4));
        Assert.Equal(Errno.Success, h.Stat("link", out int linkStat));
        Assert.Equal((ulong)linkTime, h.U64(linkStat + 48));
        Assert.Equal(Errno.Success, h.Stat("file", out int unchanged));
        Assert.Equal(fileMtime, h.U64(unchanged + 48));
        Assert.Equal(Errno.Success, h.Context.Path.PathFilestatSetTimes(h.Memory, 3, Follow, p, n, 0, linkTime + 100, 4));
        Assert.Equal(Errno.Success, h.Stat("file", out int changed));
        Assert.Equal((ulong)linkTime + 100, h.U64(changed + 48));
        Assert.Equal(Errno.Inval, h.Context.Path.PathFilestatSetTimes(h.Memory, 3, 0, p, n, 0, 0, 4 | 8));
    }

    [Fact]
    public void PathOnANonDirectoryDescriptorIsNotdir()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("file", out int fd, Creat));
        Assert.Equal(Errno.NotDir, h.Open("x", out _, Creat, directory: fd));
        Assert.Equal(Errno.Badf, h.Open("x", out _, Creat, directory: 77));
    }

    [Fact]
    public void InvalidUtf8PathIsIlseq()
    {
        using var h = new GuestHarness();
        int p = h.Bytes([0x66, 0xff, 0x66]);
        int result = h.Alloc(4);
        Assert.Equal(Errno.Ilseq, h.Context.Path.PathOpen(h.Memory, 3, 0, p, 3, 1, 0, 0, 0, result));
        Assert.Equal(Errno.Fault, h.Context.Path.PathOpen(h.Memory, 3, 0, h.Memory.Length - 1, 3, 1, 0, 0, 0, result));
    }
}
