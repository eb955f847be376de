namespace Heron.Wasi;

/// <summary>
/// The guest's descriptor numbers. New descriptors take the lowest free number from 3 up, so preopens are
/// 3, 4, ... as libc's preopen scan expects, and a closed standard stream is never silently reused.
/// Locked: under wasi-threads the guest's threads open and close descriptors at the same time.
/// </summary>
internal sealed class FileDescriptorTable : IDisposable
{
    /// <summary>More open descriptors than this is <c>mfile</c>, so a guest cannot exhaust host handles.</summary>
    public const int MaxDescriptors = 16384;

    private readonly Dictionary<int, FileDescriptor> entries = [];
    private readonly Lock gate = new();

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>The descriptor, or <c>badf</c>.</summary>
    public FileDescriptor Get(int fd)
    {
        lock (gate) return entries.TryGetValue(fd, out var entry) ? entry : throw new WasiErrnoException(WasiErrno.Badf);
    }

    /// <summary>The descriptor when it holds <paramref name="rights"/>; <c>badf</c> or <c>notcapable</c> otherwise.</summary>
    public FileDescriptor Get(int fd, ulong rights)
    {
        var entry = Get(fd);
        entry.Require(rights);
        return entry;
    }

    public bool TryGet(int fd, out FileDescriptor entry)
    {
        lock (gate) return entries.TryGetValue(fd, out entry!);
    }

    public int Add(FileDescriptor entry)
    {
        lock (gate)
        {
            if (entries.Count < MaxDescriptors)
            {
                int fd = 3;
                while (entries.ContainsKey(fd)) fd++;
                entries[fd] = entry;
                return fd;
            }
        }
        entry.Dispose();
        throw new WasiErrnoException(WasiErrno.Mfile);
    }

    /// <summary>Places a descriptor at a given number; used for the standard streams.</summary>
    public void Set(int fd, FileDescriptor entry)
    {
        lock (gate) entries[fd] = entry;
    }

    public void Close(int fd)
    {
        FileDescriptor entry;
        lock (gate)
        {
            entry = Get(fd);
            entries.Remove(fd);
        }
        entry.Dispose();
    }

    /// <summary><c>fd_renumber</c>: both numbers must be open; <paramref name="to"/> is closed and takes <paramref name="from"/>'s entry.</summary>
    public void Renumber(int from, int to)
    {
        FileDescriptor target;
        lock (gate)
        {
            var source = Get(from);
            target = Get(to);
            if (from == to) return;
            entries.Remove(from);
            entries[to] = source;
        }
        target.Dispose();
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var entry in entries.Values) entry.Dispose();
            entries.Clear();
        }
    }
}
