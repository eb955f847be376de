using System.Text;

namespace Heron.Wasi;

/// <summary>
/// The <c>path_*</c> functions: guest memory in and out around <see cref="PathOperations"/>, which WASI 0.2
/// shares. The directory and its rights are checked before the path is read, as Wasmtime orders it.
/// </summary>
internal sealed class WasiPath(WasiContext context)
{
    private FileDescriptorTable Table => context.Descriptors;

    public int PathCreateDirectory(Span<byte> memory, int fd, int path, int pathLength)
    {
        try
        {
            var (directory, guestPath) = Resolve(new GuestMemory(memory), fd, WasiRights.PathCreateDirectory, path, pathLength);
            PathOperations.CreateDirectory(directory, guestPath);
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
            var (directory, guestPath) = Resolve(guest, fd, WasiRights.PathFilestatGet, path, pathLength);
            var stat = PathOperations.Stat(directory, guestPath, Follows(flags));
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
            var (directory, guestPath) = Resolve(new GuestMemory(memory), fd, WasiRights.PathFilestatSetTimes, path, pathLength);
            var (access, modification) = WasiTimes.FromFlags(atim, mtim, fstFlags);
            PathOperations.SetTimes(directory, guestPath, Follows(flags), access, modification);
            return 0;
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
            var (source, sourcePath) = Resolve(guest, oldFd, WasiRights.PathLinkSource, oldPath, oldPathLength);
            var (target, targetPath) = Resolve(guest, newFd, WasiRights.PathLinkTarget, newPath, newPathLength);
            PathOperations.Link(source, sourcePath, Follows(oldFlags), target, targetPath);
            return 0;
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
            if ((openFlags & ~WasiFlags.OAll) != 0 || (fdFlags & ~WasiFlags.FdAll) != 0) return (int)WasiErrno.Inval;
            var (directory, guestPath) = Resolve(guest, fd, PathOperations.OpenRights(openFlags), path, pathLength);
            var opened = PathOperations.Open(directory, guestPath, Follows(lookupFlags), openFlags, (ulong)rightsBase, (ulong)rightsInheriting, fdFlags);
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

    public int PathReadlink(Span<byte> memory, int fd, int path, int pathLength, int buffer, int bufferLength, int usedPointer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            var (directory, guestPath) = Resolve(guest, fd, WasiRights.PathReadlink, path, pathLength);
            var target = Encoding.UTF8.GetBytes(PathOperations.ReadLink(directory, guestPath));
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
            var (directory, guestPath) = Resolve(new GuestMemory(memory), fd, WasiRights.PathRemoveDirectory, path, pathLength);
            PathOperations.RemoveDirectory(directory, guestPath);
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
            var (source, sourcePath) = Resolve(guest, fd, WasiRights.PathRenameSource, oldPath, oldPathLength);
            var (target, targetPath) = Resolve(guest, newFd, WasiRights.PathRenameTarget, newPath, newPathLength);
            PathOperations.Rename(source, sourcePath, target, targetPath);
            return 0;
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
            var (directory, guestPath) = Resolve(guest, fd, WasiRights.PathSymlink, newPath, newPathLength);
            PathOperations.Symlink(contents, directory, guestPath);
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
            var (directory, guestPath) = Resolve(new GuestMemory(memory), fd, WasiRights.PathUnlinkFile, path, pathLength);
            PathOperations.UnlinkFile(directory, guestPath);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>The directory descriptor (checked for the rights the operation needs) and the guest path read from memory.</summary>
    private (FileDescriptor Directory, string Path) Resolve(GuestMemory guest, int fd, ulong rights, int path, int pathLength)
    {
        var directory = Table.Get(fd);
        PathOperations.RequireDirectory(directory, rights);
        return (directory, guest.ReadString(path, pathLength));
    }

    private static bool Follows(int lookupFlags) => (lookupFlags & WasiFlags.LookupSymlinkFollow) != 0;
}
