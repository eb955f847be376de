namespace Heron.Wasi.Tests.Core;

public sealed class ErrnoMapperTests
{
    public static TheoryData<Exception, int> Exceptions => new()
    {
        { new FileNotFoundException(), (int)WasiErrno.NoEnt },
        { new DirectoryNotFoundException(), (int)WasiErrno.NoEnt },
        { new PathTooLongException(), (int)WasiErrno.NameTooLong },
        { new UnauthorizedAccessException(), (int)WasiErrno.Acces },
        { new ArgumentException(), (int)WasiErrno.Inval },
        { new ObjectDisposedException("x"), (int)WasiErrno.Badf },
        { new NotSupportedException(), (int)WasiErrno.NotSup },
        { new GuestFaultException(), (int)WasiErrno.Fault },
        { new WasiErrnoException(WasiErrno.Xdev), (int)WasiErrno.Xdev },
        { new InvalidOperationException(), (int)WasiErrno.Io },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void ExceptionTypesMapToTheirErrno(Exception exception, int expected) =>
        Assert.Equal(expected, (int)ErrnoMapper.ToErrno(exception));

    [Fact]
    public void IOExceptionsCarryingAnOsErrorNumberMapByIt()
    {
        // .NET on Unix leaves the raw errno in HResult for errors without an exception type of their own.
        bool linux = OperatingSystem.IsLinux();
        Assert.Equal(WasiErrno.Exist, ErrnoMapper.ToErrno(new IOException("", 17)));
        Assert.Equal(WasiErrno.NotDir, ErrnoMapper.ToErrno(new IOException("", 20)));
        Assert.Equal(WasiErrno.IsDir, ErrnoMapper.ToErrno(new IOException("", 21)));
        Assert.Equal(WasiErrno.NotEmpty, ErrnoMapper.ToErrno(new IOException("", linux ? 39 : 66)));
        Assert.Equal(WasiErrno.Loop, ErrnoMapper.ToErrno(new IOException("", linux ? 40 : 62)));
        Assert.Equal(WasiErrno.NoSpc, ErrnoMapper.ToErrno(new IOException("", 28)));
        Assert.Equal(WasiErrno.Io, ErrnoMapper.ToErrno(new IOException("", unchecked((int)0x80070020))));
    }

    [Fact]
    public void RealHostFailuresComeBackAsTheirErrno()
    {
        string dir = Directory.CreateTempSubdirectory("heron-errno-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "f"), "");
            Directory.CreateDirectory(Path.Combine(dir, "d", "inner"));
            var notEmpty = Assert.ThrowsAny<IOException>(() => Directory.Delete(Path.Combine(dir, "d")));
            Assert.Equal(WasiErrno.NotEmpty, ErrnoMapper.ToErrno(notEmpty));
            var missing = Assert.ThrowsAny<IOException>(() => File.OpenHandle(Path.Combine(dir, "nope")));
            Assert.Equal(WasiErrno.NoEnt, ErrnoMapper.ToErrno(missing));
            var exists = Assert.ThrowsAny<IOException>(() => File.OpenHandle(Path.Combine(dir, "f"), FileMode.CreateNew, FileAccess.Write));
            Assert.Equal(WasiErrno.Exist, ErrnoMapper.ToErrno(exists));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
