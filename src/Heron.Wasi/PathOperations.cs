namespace Heron.Wasi;

/// <summary>
/// The operations on paths below a directory descriptor, shared by preview 1's <c>path_*</c> functions and
/// WASI 0.2's <c>descriptor.*-at</c> methods. Every guest path goes through <see cref="PathResolver"/>
/// first, so the host only ever sees paths inside the directory; the checks here give each failure the errno
/// POSIX (and Wasmtime) gives it before the host is asked to do anything. Failures throw
/// <see cref="WasiErrnoException"/>.
/// </summary>
internal static class PathOperations
{
    /// <summary><c>notdir</c> unless <paramref name="directory"/> is one, <c>notcapable</c> unless it holds <paramref name="rights"/>.</summary>
    public static void RequireDirectory(FileDescriptor directory, ulong rights)
    {
        if (directory.Kind != DescriptorKind.Directory) throw new WasiErrnoException(WasiErrno.NotDir);
        directory.Require(rights);
    }

    public static void CreateDirectory(FileDescriptor directory, string path)
    {
        var resolved = Resolve(directory, WasiRights.PathCreateDirectory, path, follow: false);
        if (resolved.NamesBase || resolved.EndsInDot || Exists(resolved.HostPath)) throw new WasiErrnoException(WasiErrno.Exist);
        Directory.CreateDirectory(resolved.HostPath);
    }

    /// <summary>The entry's stat; a final link is followed when asked or when the path ends in a slash.</summary>
    public static HostStat Stat(FileDescriptor directory, string path, bool follow) =>
        StatExisting(Resolve(directory, WasiRights.PathFilestatGet, path, Follows(follow, path)));

    /// <summary>Sets times (nanoseconds or the <see cref="UnixNative"/> now/omit markers).</summary>
    public static void SetTimes(FileDescriptor directory, string path, bool follow, long access, long modification)
    {
        var resolved = Resolve(directory, WasiRights.PathFilestatSetTimes, path, Follows(follow, path));
        StatExisting(resolved);
        // The resolver has already followed any link the flags asked for; what is left is the target.
        Check(HostFileSystem.SetTimes(resolved.HostPath, access, modification, follow: false));
    }

    public static void Link(FileDescriptor oldDirectory, string oldPath, bool follow, FileDescriptor newDirectory, string newPath)
    {
        var source = Resolve(oldDirectory, WasiRights.PathLinkSource, oldPath, follow);
        var target = Resolve(newDirectory, WasiRights.PathLinkTarget, newPath, follow: false);
        var sourceStat = StatExisting(source);
        // Hard links to directories would let a tree contain itself; POSIX refuses them too.
        if (sourceStat.IsDirectory) throw new WasiErrnoException(WasiErrno.Perm);
        if (target.NamesBase || target.EndsInDot || Exists(target.HostPath)) throw new WasiErrnoException(WasiErrno.Exist);
        if (target.TrailingSlash) throw new WasiErrnoException(WasiErrno.NoEnt);
        Check(HostFileSystem.Link(source.HostPath, target.HostPath));
    }

    /// <summary>
    /// Opens (or creates) a file or directory; the caller puts the new descriptor in its table.
    /// <paramref name="openFlags"/> and <paramref name="fdFlags"/> are preview 1's <c>oflags</c> and
    /// <c>fdflags</c>; what is opened never holds more rights than its directory hands down.
    /// </summary>
    public static FileDescriptor Open(FileDescriptor directory, string path, bool follow, int openFlags,
        ulong rightsBase, ulong rightsInheriting, int fdFlags)
    {
        bool create = (openFlags & WasiFlags.OCreat) != 0, exclusive = (openFlags & WasiFlags.OExcl) != 0;
        bool mustBeDirectory = (openFlags & WasiFlags.ODirectory) != 0, truncate = (openFlags & WasiFlags.OTrunc) != 0;
        if ((openFlags & ~WasiFlags.OAll) != 0 || (fdFlags & ~WasiFlags.FdAll) != 0) throw new WasiErrnoException(WasiErrno.Inval);
        var resolved = Resolve(directory, OpenRights(openFlags), path, Follows(follow, path));

        ulong inheritedBase = rightsBase & directory.RightsInheriting;
        ulong inheritedInheriting = rightsInheriting & directory.RightsInheriting;

        var error = HostFileSystem.LStat(resolved.HostPath, out var stat);
        if (error == WasiErrno.Success)
        {
            if (create && exclusive) throw new WasiErrnoException(WasiErrno.Exist);
            // Only reached when the flags said not to follow: O_NOFOLLOW's answer.
            if (stat.IsSymbolicLink) throw new WasiErrnoException(WasiErrno.Loop);
            if (stat.IsDirectory)
            {
                const ulong writing = WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize;
                if (truncate || (rightsBase & writing) != 0 || (fdFlags & WasiFlags.FdAppend) != 0)
                    throw new WasiErrnoException(WasiErrno.IsDir);
                return FileDescriptor.ForDirectory(resolved.HostPath, inheritedBase & WasiRights.DirectoryBase,
                    inheritedInheriting, directory.ReadOnly);
            }
            if (mustBeDirectory || resolved.TrailingSlash) throw new WasiErrnoException(WasiErrno.NotDir);
            return OpenFile(directory, resolved.HostPath, stat.FileType, truncate ? FileMode.Truncate : FileMode.Open,
                inheritedBase, inheritedInheriting, fdFlags);
        }
        if (error == WasiErrno.NoEnt && create)
        {
            if (mustBeDirectory) throw new WasiErrnoException(WasiErrno.Inval);
            if (resolved.TrailingSlash || resolved.NamesBase || resolved.EndsInDot) throw new WasiErrnoException(WasiErrno.IsDir);
            return OpenFile(directory, resolved.HostPath, WasiFileType.RegularFile, FileMode.CreateNew,
                inheritedBase, inheritedInheriting, fdFlags);
        }
        throw new WasiErrnoException(error);
    }

    /// <summary>The rights opening with <paramref name="openFlags"/> needs of the directory.</summary>
    public static ulong OpenRights(int openFlags) => WasiRights.PathOpen
        | ((openFlags & WasiFlags.OCreat) != 0 ? WasiRights.PathCreateFile : 0)
        | ((openFlags & WasiFlags.OTrunc) != 0 ? WasiRights.PathFilestatSetSize : 0);

    private static FileDescriptor OpenFile(FileDescriptor parent, string hostPath, WasiFileType type, FileMode mode,
        ulong rightsBase, ulong rightsInheriting, int fdFlags)
    {
        ulong effective = rightsBase & WasiRights.RegularFileBase;
        bool write = !parent.ReadOnly && ((effective & (WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize)) != 0
            || (fdFlags & WasiFlags.FdAppend) != 0);
        // .NET needs write access to create or truncate; the rights, not the host handle, still decide
        // whether the guest may write.
        if (mode is FileMode.CreateNew or FileMode.Truncate) write = true;
        bool read = (effective & (WasiRights.FdRead | WasiRights.FdReaddir)) != 0 || !write;
        var access = read && write ? FileAccess.ReadWrite : write ? FileAccess.Write : FileAccess.Read;
        var options = (fdFlags & (WasiFlags.FdSync | WasiFlags.FdDsync)) != 0 ? FileOptions.WriteThrough : FileOptions.None;
        var handle = File.OpenHandle(hostPath, mode, access, FileShare.ReadWrite | FileShare.Delete, options);
        return FileDescriptor.ForFile(handle, hostPath, type, effective, rightsInheriting, (ushort)fdFlags, parent.ReadOnly);
    }

    /// <summary>The target of the symbolic link at <paramref name="path"/>; <c>inval</c> for anything else.</summary>
    public static string ReadLink(FileDescriptor directory, string path)
    {
        var resolved = Resolve(directory, WasiRights.PathReadlink, path, follow: false);
        var stat = StatExisting(resolved);
        if (!stat.IsSymbolicLink) throw new WasiErrnoException(WasiErrno.Inval);
        return PathResolver.ReadLink(resolved.HostPath);
    }

    public static void RemoveDirectory(FileDescriptor directory, string path)
    {
        var resolved = Resolve(directory, WasiRights.PathRemoveDirectory, path, follow: false);
        if (resolved.NamesBase || resolved.EndsInDot) throw new WasiErrnoException(WasiErrno.Inval);
        var stat = StatExisting(resolved);
        if (!stat.IsDirectory) throw new WasiErrnoException(WasiErrno.NotDir);
        if (Directory.EnumerateFileSystemEntries(resolved.HostPath).Any()) throw new WasiErrnoException(WasiErrno.NotEmpty);
        Directory.Delete(resolved.HostPath);
    }

    public static void Rename(FileDescriptor oldDirectory, string oldPath, FileDescriptor newDirectory, string newPath)
    {
        var source = Resolve(oldDirectory, WasiRights.PathRenameSource, oldPath, follow: false);
        var target = Resolve(newDirectory, WasiRights.PathRenameTarget, newPath, follow: false);
        if (source.NamesBase || source.EndsInDot || target.NamesBase || target.EndsInDot) throw new WasiErrnoException(WasiErrno.Inval);
        var sourceStat = StatExisting(source);
        bool targetExists = HostFileSystem.LStat(target.HostPath, out var targetStat) == WasiErrno.Success;
        if (sourceStat.IsDirectory)
        {
            if (string.Equals(source.HostPath, target.HostPath, StringComparison.Ordinal)) return;
            // Moving a directory into itself would detach it from the tree.
            if (target.HostPath.StartsWith(source.HostPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new WasiErrnoException(WasiErrno.Inval);
            if (targetExists && !targetStat.IsDirectory) throw new WasiErrnoException(WasiErrno.NotDir);
            if (targetExists && Directory.EnumerateFileSystemEntries(target.HostPath).Any()) throw new WasiErrnoException(WasiErrno.NotEmpty);
        }
        else
        {
            if (target.TrailingSlash) throw new WasiErrnoException(WasiErrno.NotDir);
            if (targetExists && targetStat.IsDirectory) throw new WasiErrnoException(WasiErrno.IsDir);
        }
        Check(HostFileSystem.Rename(source.HostPath, target.HostPath, sourceStat.IsDirectory, targetExists));
    }

    /// <summary>Creates a symbolic link at <paramref name="newPath"/> holding <paramref name="contents"/>.</summary>
    public static void Symlink(string contents, FileDescriptor directory, string newPath)
    {
        var link = Resolve(directory, WasiRights.PathSymlink, newPath, follow: false);
        if (contents.Length == 0) throw new WasiErrnoException(WasiErrno.NoEnt);
        if (contents.Contains('\0')) throw new WasiErrnoException(WasiErrno.Inval);
        // A link to an absolute path could only ever point outside the sandbox; refuse to make one.
        if (PathResolver.IsAbsolute(contents)) throw new WasiErrnoException(WasiErrno.Perm);
        if (link.NamesBase || link.EndsInDot || Exists(link.HostPath)) throw new WasiErrnoException(WasiErrno.Exist);
        if (link.TrailingSlash) throw new WasiErrnoException(WasiErrno.NoEnt);
        File.CreateSymbolicLink(link.HostPath, contents);
    }

    public static void UnlinkFile(FileDescriptor directory, string path)
    {
        var resolved = Resolve(directory, WasiRights.PathUnlinkFile, path, follow: false);
        if (resolved.NamesBase || resolved.EndsInDot) throw new WasiErrnoException(WasiErrno.IsDir);
        var stat = StatExisting(resolved);
        if (stat.IsDirectory) throw new WasiErrnoException(WasiErrno.IsDir);
        if (resolved.TrailingSlash) throw new WasiErrnoException(WasiErrno.NotDir);
        File.Delete(resolved.HostPath);
    }

    private static ResolvedPath Resolve(FileDescriptor directory, ulong rights, string path, bool follow)
    {
        RequireDirectory(directory, rights);
        return PathResolver.Resolve(directory, path, follow);
    }

    /// <summary>A trailing slash follows a final link, as POSIX does, whatever the lookup flags say.</summary>
    private static bool Follows(bool follow, string path) => follow || (path.Length > 0 && path[^1] == '/');

    /// <summary>The entry's stat, or <c>noent</c>; a trailing slash on anything but a directory is <c>notdir</c>.</summary>
    private static HostStat StatExisting(ResolvedPath resolved)
    {
        var error = HostFileSystem.LStat(resolved.HostPath, out var stat);
        if (error != WasiErrno.Success) throw new WasiErrnoException(error);
        if (resolved.TrailingSlash && !stat.IsDirectory) throw new WasiErrnoException(WasiErrno.NotDir);
        return stat;
    }

    /// <summary>True when anything is there, a dangling link included.</summary>
    private static bool Exists(string hostPath) => HostFileSystem.LStat(hostPath, out _) == WasiErrno.Success;

    private static void Check(WasiErrno error)
    {
        if (error != WasiErrno.Success) throw new WasiErrnoException(error);
    }
}
