namespace Heron.Wasi.Tests.Core;

/// <summary>Each way out of a preopen, tried and refused; the host file next to the sandbox stays untouched.</summary>
public sealed class SandboxTests
{
    private const int Creat = 1, Directory = 2, Follow = 1;

    private static string Secret(GuestHarness h)
    {
        string path = Path.Combine(h.Root, "secret.txt");
        File.WriteAllText(path, "host only");
        return path;
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("a/../../secret.txt")]
    [InlineData("./../sandbox/../secret.txt")]
    [InlineData("..")]
    public void DotDotAboveThePreopenIsPerm(string path)
    {
        using var h = new GuestHarness();
        Secret(h);
        System.IO.Directory.CreateDirectory(Path.Combine(h.Sandbox, "a"));
        Assert.Equal(Errno.Perm, h.Open(path, out _));
        Assert.Equal(Errno.Perm, h.Stat(path, out _));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    public void AbsolutePathsArePerm(string path)
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Perm, h.Open(path, out _));
        Assert.Equal(Errno.Perm, h.Mkdir(path));
    }

    [Fact]
    public void SymlinkToAnAbsoluteHostPathCannotBeCreatedOrFollowed()
    {
        using var h = new GuestHarness();
        string secret = Secret(h);
        Assert.Equal(Errno.Perm, h.Symlink("/etc", "etc"));
        Assert.Equal(Errno.Perm, h.Symlink(secret, "s"));
        // Planted by the host, not the guest: following it is still refused.
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "planted"), "/etc");
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "planted-secret"), secret);
        Assert.Equal(Errno.Perm, h.Open("planted/passwd", out _));
        Assert.Equal(Errno.Perm, h.Open("planted-secret", out _, lookupFlags: Follow));
        Assert.Equal(Errno.Perm, h.Stat("planted", out _, Follow));
        // Without following, the link itself is what the guest sees.
        Assert.Equal(Errno.Success, h.Stat("planted", out int stat));
        Assert.Equal(7, h.FileType(stat));
    }

    [Fact]
    public void RelativeSymlinkClimbingOutIsPerm()
    {
        using var h = new GuestHarness();
        Secret(h);
        Assert.Equal(Errno.Success, h.Symlink("../secret.txt", "up"));
        Assert.Equal(Errno.Perm, h.Open("up", out _, lookupFlags: Follow));
        Assert.Equal(Errno.Success, h.Mkdir("d"));
        Assert.Equal(Errno.Success, h.Symlink("../..", "d/up2"));
        Assert.Equal(Errno.Perm, h.Open("d/up2/secret.txt", out _));
        // A link that climbs but stays inside is fine.
        Assert.Equal(Errno.Success, h.Open("f", out _, Creat));
        Assert.Equal(Errno.Success, h.Symlink("../f", "d/back"));
        Assert.Equal(Errno.Success, h.Open("d/back", out _, lookupFlags: Follow));
    }

    [Fact]
    public void SymlinkChainLoopsAreLoop()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Symlink("b", "a"));
        Assert.Equal(Errno.Success, h.Symlink("c", "b"));
        Assert.Equal(Errno.Success, h.Symlink("a", "c"));
        Assert.Equal(Errno.Loop, h.Open("a", out _, lookupFlags: Follow));
        Assert.Equal(Errno.Loop, h.Stat("a/x", out _));
        Assert.Equal(Errno.Loop, h.Mkdir("b/new"));
    }

    [Fact]
    public void RenameAndLinkCannotLeaveThePreopen()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Open("f", out _, Creat));
        Assert.Equal(Errno.Perm, h.Rename("f", "../stolen"));
        Assert.Equal(Errno.Perm, h.Rename("../secret.txt", "mine"));
        var (o, on) = h.String("f");
        var (n, nn) = h.String("../linked");
        Assert.Equal(Errno.Perm, h.Context.Path.PathLink(h.Memory, 3, 0, o, on, 3, n, nn));
        Secret(h);
        Assert.Equal(Errno.Success, h.Symlink("..", "parent"));
        Assert.Equal(Errno.Perm, h.Rename("f", "parent/stolen"));
        Assert.False(File.Exists(Path.Combine(h.Root, "stolen")));
        Assert.False(File.Exists(Path.Combine(h.Root, "linked")));
        Assert.True(File.Exists(Path.Combine(h.Sandbox, "f")));
    }

    [Fact]
    public void ADirectoryDescriptorIsItsOwnBoundary()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Success, h.Mkdir("sub"));
        Assert.Equal(Errno.Success, h.Open("top", out _, Creat));
        Assert.Equal(Errno.Success, h.Open("sub", out int sub, Directory));
        Assert.Equal(Errno.Perm, h.Open("../top", out _, directory: sub));
        Assert.Equal(Errno.NoEnt, h.Open("x/../y", out _, Creat, directory: sub));
        Assert.Equal(Errno.Success, h.Open("sub/../top", out _));
    }

    [Fact]
    public void ReadOnlyPreopenGrantsNoMutatingRights()
    {
        using var h = new GuestHarness(readOnly: true);
        File.WriteAllText(Path.Combine(h.Sandbox, "existing"), "keep");
        Assert.Equal(Errno.NotCapable, h.Open("new", out _, Creat));
        Assert.Equal(Errno.NotCapable, h.Mkdir("dir"));
        Assert.Equal(Errno.NotCapable, h.Unlink("existing"));
        Assert.Equal(Errno.NotCapable, h.Rename("existing", "moved"));
        Assert.Equal(Errno.NotCapable, h.Symlink("existing", "link"));
        Assert.Equal(Errno.Success, h.Open("existing", out int fd));
        Assert.Equal(Errno.NotCapable, h.Write(fd, "changed", out _));
        Assert.Equal(Errno.Success, h.Read(fd, 10, out var text));
        Assert.Equal("keep", text);
        Assert.Equal(Errno.NotCapable, h.Context.Fd.FdFdstatSetRights(h.Memory, 3, (long)GuestHarness.AllRights, (long)GuestHarness.AllRights));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(h.Sandbox, "existing")));
    }

    [Fact]
    public void OverlongNamesAreNametoolong()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.NameTooLong, h.Open(new string('a', 300), out _, Creat));
        Assert.Equal(Errno.NameTooLong, h.Open(string.Join('/', Enumerable.Repeat("d", 3000)), out _));
    }
}
