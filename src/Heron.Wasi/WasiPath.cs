using System.Text;

namespace Heron.Wasi;

/// <summary>
/// The <c>path_*</c> functions. Every guest path goes through <see cref="PathResolver"/> first, so the
/// host only ever sees paths inside the directory descriptor; the checks here give each failure the errno
/// POSIX (and Wasmtime) gives it before the host is asked to do anything.
/// </summary>
internal sealed class WasiPath(WasiContext context)
{
    private FileDescriptorTable Table => context.Descriptors;

    public int PathCreateDirectory(Span<byte> memory, int fd, int path, int pathLength)
    {
        try
        {
            var (_, resolved) = Resolve(new GuestMemory(memory), fd, WasiRights.PathCreateDirectory, path, pathLength, follow: false);
            if (resolved.NamesBase || resolved.EndsInDot || Exists(resolved.HostPath)) return (int)WasiErrno.Exist;
            Directory.CreateDirectory(resolved.HostPath);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathFilestatGet(Span<byte> memory, int fd, int flags, int path, int pathLength, int resultPointer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (_, resolved) = Resolve(guest, fd, WasiRights.PathFilestatGet, path, pathLength, Follows(flags, guest, path, pathLength));
            var stat = StatExisting(resolved);
            WasiLayout.WriteFilestat(guest, resultPointer, stat);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathFilestatSetTimes(Span<byte> memory, int fd, int flags, int path, int pathLength, long atim, long mtim, int fstFlags)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (_, resolved) = Resolve(guest, fd, WasiRights.PathFilestatSetTimes, path, pathLength, Follows(flags, guest, path, pathLength));
            var (access, modification) = WasiTimes.FromFlags(atim, mtim, fstFlags);
            StatExisting(resolved);
            // The resolver has already followed any link the flags asked for; what is left is the target.
            return (int)HostFileSystem.SetTimes(resolved.HostPath, access, modification, follow: false);
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathLink(Span<byte> memory, int oldFd, int oldFlags, int oldPath, int oldPathLength, int newFd, int newPath, int newPathLength)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (_, source) = Resolve(guest, oldFd, WasiRights.PathLinkSource, oldPath, oldPathLength, (oldFlags & WasiFlags.LookupSymlinkFollow) != 0);
            var (_, target) = Resolve(guest, newFd, WasiRights.PathLinkTarget, newPath, newPathLength, follow: false);
            var sourceStat = StatExisting(source);
            // Hard links to directories would let a tree contain itself; POSIX refuses them too.
            if (sourceStat.IsDirectory) return (int)WasiErrno.Perm;
            if (target.NamesBase || target.EndsInDot || Exists(target.HostPath)) return (int)WasiErrno.Exist;
            if (target.TrailingSlash) return (int)WasiErrno.NoEnt;
            return (int)HostFileSystem.Link(source.HostPath, target.HostPath);
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathOpen(Span<byte> memory, int fd, int lookupFlags, int path, int pathLength, int openFlags,
        long rightsBase, long rightsInheriting, int fdFlags, int resultPointer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            bool create = (openFlags & WasiFlags.OCreat) != 0, exclusive = (openFlags & WasiFlags.OExcl) != 0;
            bool directory = (openFlags & WasiFlags.ODirectory) != 0, truncate = (openFlags & WasiFlags.OTrunc) != 0;
            if ((openFlags & ~WasiFlags.OAll) != 0 || (fdFlags & ~WasiFlags.FdAll) != 0) return (int)WasiErrno.Inval;
            ulong needed = WasiRights.PathOpen
                | (create ? WasiRights.PathCreateFile : 0)
                | (truncate ? WasiRights.PathFilestatSetSize : 0);
            var (parent, resolved) = Resolve(guest, fd, needed, path, pathLength, Follows(lookupFlags, guest, path, pathLength));

            // What is opened never holds more than its directory hands down.
            ulong inheritedBase = (ulong)rightsBase & parent.RightsInheriting;
            ulong inheritedInheriting = (ulong)rightsInheriting & parent.RightsInheriting;

            var error = HostFileSystem.LStat(resolved.HostPath, out var stat);
            FileDescriptor opened;
            if (error == WasiErrno.Success)
            {
                if (create && exclusive) return (int)WasiErrno.Exist;
                // Only reached when the flags said not to follow: O_NOFOLLOW's answer.
                if (stat.IsSymbolicLink) return (int)WasiErrno.Loop;
                if (stat.IsDirectory)
                {
                    const ulong writing = WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize;
                    if (truncate || ((ulong)rightsBase & writing) != 0 || (fdFlags & WasiFlags.FdAppend) != 0)
                        return (int)WasiErrno.IsDir;
                    opened = FileDescriptor.ForDirectory(resolved.HostPath, inheritedBase & WasiRights.DirectoryBase,
                        inheritedInheriting, parent.ReadOnly);
                }
                else
                {
                    if (directory || resolved.TrailingSlash) return (int)WasiErrno.NotDir;
                    opened = OpenFile(parent, resolved.HostPath, stat.FileType, truncate ? FileMode.Truncate : FileMode.Open,
                        inheritedBase, inheritedInheriting, fdFlags);
                }
            }
            else if (error == WasiErrno.NoEnt && create)
            {
                if (directory) return (int)WasiErrno.Inval;
                if (resolved.TrailingSlash || resolved.NamesBase || resolved.EndsInDot) return (int)WasiErrno.IsDir;
                opened = OpenFile(parent, resolved.HostPath, WasiFileType.RegularFile, FileMode.CreateNew,
                    inheritedBase, inheritedInheriting, fdFlags);
            }
            else
            {
                return (int)error;
            }

            int number;
            try
            {
                number = Table.Add(opened);
                guest.WriteU32(resultPointer, (uint)number);
            }
            catch (GuestFaultException)
            {
                // A bad result pointer must not leak the descriptor the guest can never learn about.
                opened.Dispose();
                throw;
            }
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

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

    public int PathReadlink(Span<byte> memory, int fd, int path, int pathLength, int buffer, int bufferLength, int usedPointer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (_, resolved) = Resolve(guest, fd, WasiRights.PathReadlink, path, pathLength, follow: false);
            var stat = StatExisting(resolved);
            if (!stat.IsSymbolicLink) return (int)WasiErrno.Inval;
            var target = Encoding.UTF8.GetBytes(PathResolver.ReadLink(resolved.HostPath));
            var output = guest.Slice(buffer, bufferLength);
            // Like readlink(2): as much as fits, no terminator, the rest of the buffer untouched.
            int length = Math.Min(target.Length, output.Length);
            target.AsSpan(0, length).CopyTo(output);
            guest.WriteU32(usedPointer, (uint)length);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathRemoveDirectory(Span<byte> memory, int fd, int path, int pathLength)
    {
        try
        {
            var (_, resolved) = Resolve(new GuestMemory(memory), fd, WasiRights.PathRemoveDirectory, path, pathLength, follow: false);
            if (resolved.NamesBase || resolved.EndsInDot) return (int)WasiErrno.Inval;
            var stat = StatExisting(resolved);
            if (!stat.IsDirectory) return (int)WasiErrno.NotDir;
            if (Directory.EnumerateFileSystemEntries(resolved.HostPath).Any()) return (int)WasiErrno.NotEmpty;
            Directory.Delete(resolved.HostPath);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathRename(Span<byte> memory, int fd, int oldPath, int oldPathLength, int newFd, int newPath, int newPathLength)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (_, source) = Resolve(guest, fd, WasiRights.PathRenameSource, oldPath, oldPathLength, follow: false);
            var (_, target) = Resolve(guest, newFd, WasiRights.PathRenameTarget, newPath, newPathLength, follow: false);
            if (source.NamesBase || source.EndsInDot || target.NamesBase || target.EndsInDot) return (int)WasiErrno.Inval;
            var sourceStat = StatExisting(source);
            bool targetExists = HostFileSystem.LStat(target.HostPath, out var targetStat) == WasiErrno.Success;
            if (sourceStat.IsDirectory)
            {
                if (string.Equals(source.HostPath, target.HostPath, StringComparison.Ordinal)) return 0;
                // Moving a directory into itself would detach it from the tree.
                if (target.HostPath.StartsWith(source.HostPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    return (int)WasiErrno.Inval;
                if (targetExists && !targetStat.IsDirectory) return (int)WasiErrno.NotDir;
                if (targetExists && Directory.EnumerateFileSystemEntries(target.HostPath).Any()) return (int)WasiErrno.NotEmpty;
            }
            else
            {
                if (target.TrailingSlash) return (int)WasiErrno.NotDir;
                if (targetExists && targetStat.IsDirectory) return (int)WasiErrno.IsDir;
            }
            return (int)HostFileSystem.Rename(source.HostPath, target.HostPath, sourceStat.IsDirectory, targetExists);
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathSymlink(Span<byte> memory, int oldPath, int oldPathLength, int fd, int newPath, int newPathLength)
    {
        try
        {
            var guest = new GuestMemory(memory);
            string contents = guest.ReadString(oldPath, oldPathLength);
            var (_, link) = Resolve(guest, fd, WasiRights.PathSymlink, newPath, newPathLength, follow: false);
            if (contents.Length == 0) return (int)WasiErrno.NoEnt;
            if (contents.Contains('\0')) return (int)WasiErrno.Inval;
            // A link to an absolute path could only ever point outside the sandbox; refuse to make one.
            if (PathResolver.IsAbsolute(contents)) return (int)WasiErrno.Perm;
            if (link.NamesBase || link.EndsInDot || Exists(link.HostPath)) return (int)WasiErrno.Exist;
            if (link.TrailingSlash) return (int)WasiErrno.NoEnt;
            File.CreateSymbolicLink(link.HostPath, contents);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int PathUnlinkFile(Span<byte> memory, int fd, int path, int pathLength)
    {
        try
        {
            var (_, resolved) = Resolve(new GuestMemory(memory), fd, WasiRights.PathUnlinkFile, path, pathLength, follow: false);
            if (resolved.NamesBase || resolved.EndsInDot) return (int)WasiErrno.IsDir;
            var stat = StatExisting(resolved);
            if (stat.IsDirectory) return (int)WasiErrno.IsDir;
            if (resolved.TrailingSlash) return (int)WasiErrno.NotDir;
            File.Delete(resolved.HostPath);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>The directory descriptor (with the rights the operation needs) and the path resolved under it.</summary>
    private (FileDescriptor Directory, ResolvedPath Path) Resolve(GuestMemory guest, int fd, ulong rights, int path, int pathLength, bool follow)
    {
        var directory = Table.Get(fd);
        if (directory.Kind != DescriptorKind.Directory) throw new WasiErrnoException(WasiErrno.NotDir);
        directory.Require(rights);
        string guestPath = guest.ReadString(path, pathLength);
        return (directory, PathResolver.Resolve(directory, guestPath, follow));
    }

    /// <summary>Lookup flags say whether to follow a final link; a trailing slash follows it as POSIX does.</summary>
    private static bool Follows(int lookupFlags, GuestMemory guest, int path, int pathLength) =>
        (lookupFlags & WasiFlags.LookupSymlinkFollow) != 0
        || (pathLength > 0 && guest.ReadU8((int)((uint)path + (uint)pathLength - 1)) == (byte)'/');

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
}
