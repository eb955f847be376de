using System.Text;

namespace Heron.Wasi;

/// <summary>The <c>fd_*</c> functions: reading, writing, seeking and describing open descriptors.</summary>
internal sealed class WasiFd(WasiContext context)
{
    private FileDescriptorTable Table => context.Descriptors;

    public int FdAdvise(Span<byte> memory, int fd, long offset, long length, int advice)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdAdvise);
            if (advice is < 0 or > 5 || offset < 0 || length < 0) return (int)WasiErrno.Inval;
            entry.RequireFile();
            // Advice is a hint; .NET exposes no posix_fadvise, and ignoring it is always correct.
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdAllocate(Span<byte> memory, int fd, long offset, long length)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdAllocate);
            var handle = entry.RequireFile();
            if (offset < 0 || length < 0 || offset > long.MaxValue - length) return (int)WasiErrno.Inval;
            // Only growth is observable through WASI; the host decides how to back it.
            if (offset + length > RandomAccess.GetLength(handle)) RandomAccess.SetLength(handle, offset + length);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdClose(Span<byte> memory, int fd)
    {
        try
        {
            Table.Close(fd);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdDatasync(Span<byte> memory, int fd) => Sync(fd, WasiRights.FdDatasync);

    public int FdSync(Span<byte> memory, int fd) => Sync(fd, WasiRights.FdSync);

    private int Sync(int fd, ulong right)
    {
        try
        {
            var entry = Table.Get(fd, right);
            if (entry.Handle is { } handle) RandomAccess.FlushToDisk(handle);
            else entry.Stream?.Flush();
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFdstatGet(Span<byte> memory, int fd, int resultPointer)
    {
        try
        {
            var entry = Table.Get(fd);
            WasiLayout.WriteFdstat(new GuestMemory(memory), resultPointer, entry.FileType, entry.Flags, entry.RightsBase, entry.RightsInheriting);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFdstatSetFlags(Span<byte> memory, int fd, int flags)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdFdstatSetFlags);
            if ((flags & ~WasiFlags.FdAll) != 0) return (int)WasiErrno.Inval;
            // Append is applied per write and nonblock has no effect on files; the sync flags are kept
            // and honoured by flushing after each write.
            entry.Flags = (ushort)flags;
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFdstatSetRights(Span<byte> memory, int fd, long rightsBase, long rightsInheriting)
    {
        try
        {
            var entry = Table.Get(fd);
            ulong newBase = (ulong)rightsBase, newInheriting = (ulong)rightsInheriting;
            // Rights only ever shrink: that is what makes them capabilities.
            if ((newBase & ~entry.RightsBase) != 0 || (newInheriting & ~entry.RightsInheriting) != 0)
                return (int)WasiErrno.NotCapable;
            entry.RightsBase = newBase;
            entry.RightsInheriting = newInheriting;
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFilestatGet(Span<byte> memory, int fd, int resultPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdFilestatGet);
            var stat = entry.Stat();
            WasiLayout.WriteFilestat(new GuestMemory(memory), resultPointer, stat);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFilestatSetSize(Span<byte> memory, int fd, long size)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdFilestatSetSize);
            var handle = entry.RequireFile();
            if (size < 0) return (int)WasiErrno.Inval;
            RandomAccess.SetLength(handle, size);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdFilestatSetTimes(Span<byte> memory, int fd, long atim, long mtim, int flags)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdFilestatSetTimes);
            var (access, modification) = WasiTimes.FromFlags(atim, mtim, flags);
            return (int)entry.SetTimes(access, modification);
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdRead(Span<byte> memory, int fd, int iovs, int iovsLength, int readPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdRead);
            var guest = new GuestMemory(memory);
            int count = guest.IovecCount(iovs, iovsLength);
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                var buffer = guest.Iovec(iovs, i);
                if (buffer.Length == 0) continue;
                int read = ReadOnce(entry, buffer, entry.Position);
                if (entry.Kind == DescriptorKind.File) entry.Position += read;
                total += read;
                // A short read means no more data is ready now; waiting for more could block forever.
                if (read < buffer.Length) break;
            }
            guest.WriteU32(readPointer, (uint)total);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdPread(Span<byte> memory, int fd, int iovs, int iovsLength, long offset, int readPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdRead | WasiRights.FdSeek);
            var handle = entry.RequireFile();
            if (offset < 0) return (int)WasiErrno.Inval;
            var guest = new GuestMemory(memory);
            int count = guest.IovecCount(iovs, iovsLength);
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                var buffer = guest.Iovec(iovs, i);
                if (buffer.Length == 0) continue;
                int read = HostBufferedRead.FromFile(handle, buffer, offset + total);
                total += read;
                if (read < buffer.Length) break;
            }
            guest.WriteU32(readPointer, (uint)total);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdWrite(Span<byte> memory, int fd, int iovs, int iovsLength, int writtenPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdWrite);
            var guest = new GuestMemory(memory);
            int count = guest.IovecCount(iovs, iovsLength);
            long total = 0;
            if (entry.Kind == DescriptorKind.File && (entry.Flags & WasiFlags.FdAppend) != 0)
                entry.Position = RandomAccess.GetLength(entry.Handle!);
            for (int i = 0; i < count; i++)
            {
                var buffer = guest.Iovec(iovs, i);
                if (buffer.Length == 0) continue;
                WriteOnce(entry, buffer, entry.Position);
                if (entry.Kind == DescriptorKind.File) entry.Position += buffer.Length;
                total += buffer.Length;
            }
            Flush(entry);
            guest.WriteU32(writtenPointer, (uint)total);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdPwrite(Span<byte> memory, int fd, int iovs, int iovsLength, long offset, int writtenPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdWrite | WasiRights.FdSeek);
            var handle = entry.RequireFile();
            if (offset < 0) return (int)WasiErrno.Inval;
            var guest = new GuestMemory(memory);
            int count = guest.IovecCount(iovs, iovsLength);
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                var buffer = guest.Iovec(iovs, i);
                RandomAccess.Write(handle, buffer, offset + total);
                total += buffer.Length;
            }
            Flush(entry);
            guest.WriteU32(writtenPointer, (uint)total);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdSeek(Span<byte> memory, int fd, long offset, int whence, int resultPointer)
    {
        try
        {
            // Asking for the current position is fd_tell in disguise and needs only that right.
            ulong right = whence == 1 && offset == 0 ? WasiRights.FdTell : WasiRights.FdSeek;
            var entry = Table.Get(fd);
            if ((entry.RightsBase & (right | WasiRights.FdSeek)) == 0) return (int)WasiErrno.NotCapable;
            var handle = entry.RequireFile();
            long origin = whence switch
            {
                0 => 0,
                1 => entry.Position,
                2 => RandomAccess.GetLength(handle),
                _ => throw new WasiErrnoException(WasiErrno.Inval),
            };
            long position;
            try
            {
                position = checked(origin + offset);
            }
            catch (OverflowException)
            {
                return (int)WasiErrno.Inval;
            }
            if (position < 0) return (int)WasiErrno.Inval;
            entry.Position = position;
            new GuestMemory(memory).WriteU64(resultPointer, (ulong)position);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdTell(Span<byte> memory, int fd, int resultPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdTell);
            entry.RequireFile();
            new GuestMemory(memory).WriteU64(resultPointer, (ulong)entry.Position);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdPrestatGet(Span<byte> memory, int fd, int resultPointer)
    {
        try
        {
            var entry = Table.Get(fd);
            if (entry.PreopenName is not { } name) return (int)WasiErrno.Badf;
            WasiLayout.WritePrestat(new GuestMemory(memory), resultPointer, (uint)Encoding.UTF8.GetByteCount(name));
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdPrestatDirName(Span<byte> memory, int fd, int path, int pathLength)
    {
        try
        {
            var entry = Table.Get(fd);
            if (entry.PreopenName is not { } name) return (int)WasiErrno.Badf;
            var bytes = Encoding.UTF8.GetBytes(name);
            if ((uint)pathLength < (uint)bytes.Length) return (int)WasiErrno.NameTooLong;
            bytes.CopyTo(new GuestMemory(memory).Slice(path, bytes.Length));
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    public int FdRenumber(Span<byte> memory, int fd, int to)
    {
        try
        {
            Table.Renumber(fd, to);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>
    /// <c>fd_readdir</c>. Entries are ".", "..", then the names in ordinal order, so a cookie (the index of
    /// the next entry) means the same thing across calls while the directory does not change. The buffer
    /// is filled completely, the last entry cut short if need be: that is how the guest knows to call again.
    /// </summary>
    public int FdReaddir(Span<byte> memory, int fd, int buffer, int bufferLength, long cookie, int usedPointer)
    {
        try
        {
            var entry = Table.Get(fd, WasiRights.FdReaddir);
            if (entry.Kind != DescriptorKind.Directory) return (int)WasiErrno.NotDir;
            var guest = new GuestMemory(memory);
            var output = guest.Slice(buffer, bufferLength);
            var names = new List<string>();
            foreach (var path in Directory.EnumerateFileSystemEntries(entry.HostPath))
                names.Add(Path.GetFileName(path));
            names.Sort(StringComparer.Ordinal);
            names.InsertRange(0, [".", ".."]);

            int used = 0;
            // Cookies are unsigned; one past 2^63 is as much "past the end" as any other.
            if (cookie < 0) cookie = long.MaxValue;
            Span<byte> header = stackalloc byte[WasiLayout.DirentSize];
            for (long index = cookie; index < names.Count && used < output.Length; index++)
            {
                string name = names[(int)index];
                string hostPath = name switch
                {
                    "." => entry.HostPath,
                    ".." => Path.GetDirectoryName(entry.HostPath.TrimEnd('/')) ?? entry.HostPath,
                    _ => Path.Join(entry.HostPath, name),
                };
                HostStat stat = default;
                bool known = HostFileSystem.LStat(hostPath, out stat) == WasiErrno.Success;
                var nameBytes = Encoding.UTF8.GetBytes(name);
                WasiLayout.WriteDirent(header, (ulong)index + 1, known ? stat.Inode : 0, (uint)nameBytes.Length,
                    known ? stat.FileType : WasiFileType.Unknown);
                used += CopySome(header, output[used..]);
                used += CopySome(nameBytes, output[used..]);
            }
            guest.WriteU32(usedPointer, (uint)used);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    private static int CopySome(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int length = Math.Min(source.Length, target.Length);
        source[..length].CopyTo(target);
        return length;
    }

    private static int ReadOnce(FileDescriptor entry, Span<byte> buffer, long position) => entry.Kind switch
    {
        DescriptorKind.File => HostBufferedRead.FromFile(entry.Handle!, buffer, position),
        DescriptorKind.Stream => entry.Stream!.Read(buffer),
        _ => throw new WasiErrnoException(WasiErrno.IsDir),
    };

    private static void WriteOnce(FileDescriptor entry, ReadOnlySpan<byte> buffer, long position)
    {
        switch (entry.Kind)
        {
            case DescriptorKind.File:
                RandomAccess.Write(entry.Handle!, buffer, position);
                break;
            case DescriptorKind.Stream:
                entry.Stream!.Write(buffer);
                break;
            default:
                throw new WasiErrnoException(WasiErrno.IsDir);
        }
    }

    private static void Flush(FileDescriptor entry)
    {
        // Standard streams are flushed per call so output interleaves as the guest wrote it.
        if (entry.Kind == DescriptorKind.Stream) entry.Stream!.Flush();
        else if ((entry.Flags & (WasiFlags.FdSync | WasiFlags.FdDsync)) != 0) RandomAccess.FlushToDisk(entry.Handle!);
    }
}
