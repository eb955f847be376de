using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Heron.Wasi;

/// <summary>
/// The few libc calls .NET has no managed form for, yet WASI needs: <c>statx</c> (inode, device, link count
/// and nanosecond times), <c>utimensat</c>/<c>futimens</c> (nanosecond times, on a link itself), hard
/// links, an atomic <c>rename</c> that replaces an empty directory, and the CPU-time clocks. Linux on a
/// 64-bit process only, where the layouts below are fixed; elsewhere <see cref="HostFileSystem"/> falls back
/// to the managed APIs.
/// </summary>
internal static class UnixNative
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const long UtimeNow = (1L << 30) - 1;
    public const long UtimeOmit = (1L << 30) - 2;
    private const uint StatxBasicStats = 0x7ff;

    public static readonly bool IsAvailable = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Probe();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "utimensat", SetLastError = true)]
    private static extern int UtimensatNative(int dirfd, string path, long[] times, int flags);

    [DllImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static extern int FutimensNative(int fd, long[] times);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int LinkNative(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int RenameNative(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGettimeNative(int clock, long[] timespec);

    private static bool Probe()
    {
        try
        {
            return StatxNative(AtFdCwd, "/", 0, StatxBasicStats, new byte[256]) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary><c>statx</c> on a path (relative to the current directory) or, with an empty path, on an open fd.</summary>
    public static WasiErrno Statx(int dirfd, string path, int flags, out HostStat stat)
    {
        var buffer = new byte[256];
        if (StatxNative(dirfd, path, flags, StatxBasicStats, buffer) != 0)
        {
            stat = default;
            return LastError();
        }
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var type = (mode & 0xF000) switch
        {
            0x4000 => WasiFileType.Directory,
            0x8000 => WasiFileType.RegularFile,
            0xA000 => WasiFileType.SymbolicLink,
            0x2000 => WasiFileType.CharacterDevice,
            0x6000 => WasiFileType.BlockDevice,
            0xC000 => WasiFileType.SocketStream,
            _ => WasiFileType.Unknown,
        };
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        stat = new HostStat(
            device,
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
            type,
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40)),
            Time(buffer, 64), Time(buffer, 112), Time(buffer, 96));
        return WasiErrno.Success;
    }

    private static ulong Time(byte[] buffer, int offset)
    {
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset));
        uint nanos = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));
        return (ulong)(seconds * 1_000_000_000 + nanos);
    }

    /// <summary>Sets access and modification times; each is nanoseconds, <see cref="UtimeNow"/> or <see cref="UtimeOmit"/>.</summary>
    public static WasiErrno Utimensat(string path, long atime, long mtime, bool follow) =>
        UtimensatNative(AtFdCwd, path, Times(atime, mtime), follow ? 0 : AtSymlinkNoFollow) == 0 ? WasiErrno.Success : LastError();

    public static WasiErrno Futimens(int fd, long atime, long mtime) =>
        FutimensNative(fd, Times(atime, mtime)) == 0 ? WasiErrno.Success : LastError();

    private static long[] Times(long atime, long mtime) =>
    [
        atime is UtimeNow or UtimeOmit ? 0 : atime / 1_000_000_000, atime is UtimeNow or UtimeOmit ? atime : atime % 1_000_000_000,
        mtime is UtimeNow or UtimeOmit ? 0 : mtime / 1_000_000_000, mtime is UtimeNow or UtimeOmit ? mtime : mtime % 1_000_000_000,
    ];

    public static WasiErrno Link(string oldPath, string newPath) =>
        LinkNative(oldPath, newPath) == 0 ? WasiErrno.Success : LastError();

    public static WasiErrno Rename(string oldPath, string newPath) =>
        RenameNative(oldPath, newPath) == 0 ? WasiErrno.Success : LastError();

    /// <summary>Nanoseconds of a POSIX clock (2 = process CPU time, 3 = thread CPU time), or null.</summary>
    public static ulong? ClockGettime(int clock)
    {
        var timespec = new long[2];
        if (ClockGettimeNative(clock, timespec) != 0) return null;
        return (ulong)(timespec[0] * 1_000_000_000 + timespec[1]);
    }

    private static WasiErrno LastError() => ErrnoMapper.FromOsError(Marshal.GetLastPInvokeError(), WasiErrno.Io);
}
