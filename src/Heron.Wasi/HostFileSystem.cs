using Microsoft.Win32.SafeHandles;

namespace Heron.Wasi;

/// <summary>
/// File-system queries and changes on host paths that are already resolved inside the sandbox. Uses
/// <see cref="UnixNative"/> where it is available (exact inodes, nanosecond times, hard links) and the
/// managed APIs elsewhere. Every method answers an errno instead of throwing for the expected failures.
/// </summary>
internal static class HostFileSystem
{
    /// <summary>Stat without following a final symbolic link (<c>lstat</c>).</summary>
    public static WasiErrno LStat(string path, out HostStat stat) =>
        UnixNative.IsAvailable
            ? UnixNative.Statx(UnixNative.AtFdCwd, path, UnixNative.AtSymlinkNoFollow, out stat)
            : ManagedStat(path, follow: false, out stat);

    /// <summary>Stat following symbolic links. Only used on paths whose links the resolver has vetted.</summary>
    public static WasiErrno Stat(string path, out HostStat stat) =>
        UnixNative.IsAvailable
            ? UnixNative.Statx(UnixNative.AtFdCwd, path, 0, out stat)
            : ManagedStat(path, follow: true, out stat);

    /// <summary>Stat of an open file; falls back to its path when the OS handle cannot be asked.</summary>
    public static WasiErrno FStat(SafeFileHandle handle, string path, out HostStat stat)
    {
        if (UnixNative.IsAvailable)
            return UnixNative.Statx((int)handle.DangerousGetHandle(), "", UnixNative.AtEmptyPath, out stat);
        var error = ManagedStat(path, follow: true, out stat);
        if (error == WasiErrno.Success) stat = stat with { Size = (ulong)RandomAccess.GetLength(handle) };
        return error;
    }

    private static WasiErrno ManagedStat(string path, bool follow, out HostStat stat)
    {
        stat = default;
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            var directory = new DirectoryInfo(path);
            if (directory.Exists) info = directory;
            else if (info.LinkTarget is null) return WasiErrno.NoEnt;
        }
        if (follow && info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists) return WasiErrno.NoEnt;
            info = target;
        }
        var type = info.LinkTarget is not null ? WasiFileType.SymbolicLink
            : info is DirectoryInfo ? WasiFileType.Directory : WasiFileType.RegularFile;
        ulong size = info is FileInfo file && type == WasiFileType.RegularFile ? (ulong)file.Length : 0;
        // Without an OS inode the full path stands in for it: distinct files get distinct numbers.
        ulong inode = (ulong)StringComparer.Ordinal.GetHashCode(Path.GetFullPath(info.FullName)) & 0x7fffffff;
        stat = new HostStat(1, inode, type, 1, size,
            Nanos(info.LastAccessTimeUtc), Nanos(info.LastWriteTimeUtc), Nanos(info.LastWriteTimeUtc));
        return WasiErrno.Success;
    }

    private static ulong Nanos(DateTime utc) => (ulong)Math.Max(0, (utc - DateTime.UnixEpoch).Ticks) * 100;

    private static DateTime FromNanos(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);

    /// <summary>Sets times by path; <paramref name="atime"/>/<paramref name="mtime"/> use the <see cref="UnixNative"/> now/omit markers.</summary>
    public static WasiErrno SetTimes(string path, long atime, long mtime, bool follow)
    {
        if (UnixNative.IsAvailable) return UnixNative.Utimensat(path, atime, mtime, follow);
        var now = DateTime.UtcNow;
        if (atime != UnixNative.UtimeOmit) File.SetLastAccessTimeUtc(path, atime == UnixNative.UtimeNow ? now : FromNanos(atime));
        if (mtime != UnixNative.UtimeOmit) File.SetLastWriteTimeUtc(path, mtime == UnixNative.UtimeNow ? now : FromNanos(mtime));
        return WasiErrno.Success;
    }

    public static WasiErrno SetTimes(SafeFileHandle handle, string path, long atime, long mtime)
    {
        if (UnixNative.IsAvailable) return UnixNative.Futimens((int)handle.DangerousGetHandle(), atime, mtime);
        return SetTimes(path, atime, mtime, follow: true);
    }

    /// <summary>A hard link; not a symbolic one, which .NET has no API for outside libc.</summary>
    public static WasiErrno Link(string existing, string created) =>
        UnixNative.IsAvailable ? UnixNative.Link(existing, created) : WasiErrno.NotSup;

    /// <summary>
    /// Renames, replacing a file, or an empty directory with a directory, as POSIX <c>rename</c> does.
    /// The caller has already checked the kinds of both ends.
    /// </summary>
    public static WasiErrno Rename(string from, string to, bool sourceIsDirectory, bool targetExists)
    {
        if (UnixNative.IsAvailable) return UnixNative.Rename(from, to);
        if (sourceIsDirectory)
        {
            if (targetExists) Directory.Delete(to);
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to, overwrite: true);
        }
        return WasiErrno.Success;
    }
}
