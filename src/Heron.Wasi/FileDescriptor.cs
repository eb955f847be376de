using Microsoft.Win32.SafeHandles;

namespace Heron.Wasi;

/// <summary>One entry of the guest's descriptor table: what it refers to, its rights and its flags.</summary>
internal sealed class FileDescriptor : IDisposable
{
    private FileDescriptor(DescriptorKind kind, WasiFileType fileType, ulong rightsBase, ulong rightsInheriting)
    {
        Kind = kind;
        FileType = fileType;
        RightsBase = rightsBase;
        RightsInheriting = rightsInheriting;
    }

    public DescriptorKind Kind { get; }
    public WasiFileType FileType { get; }
    public ulong RightsBase { get; set; }
    public ulong RightsInheriting { get; set; }
    public ushort Flags { get; set; }

    /// <summary>The host path of a file or directory, already resolved inside the sandbox.</summary>
    public string HostPath { get; private init; } = "";

    /// <summary>The guest's name of a preopened directory; null for everything else.</summary>
    public string? PreopenName { get; private init; }

    /// <summary>True when the descriptor (and all it opens) came from a read-only preopen.</summary>
    public bool ReadOnly { get; private init; }

    public Stream? Stream { get; private init; }
    public SafeFileHandle? Handle { get; private init; }

    /// <summary>The file offset of <c>fd_read</c>/<c>fd_write</c>; .NET's random-access API keeps none.</summary>
    public long Position { get; set; }

    public static FileDescriptor ForStream(Stream stream, WasiFileType fileType, ulong rights) =>
        new(DescriptorKind.Stream, fileType, rights, 0) { Stream = stream };

    public static FileDescriptor ForFile(SafeFileHandle handle, string hostPath, WasiFileType fileType, ulong rightsBase, ulong rightsInheriting, ushort flags, bool readOnly) =>
        new(DescriptorKind.File, fileType, rightsBase, rightsInheriting)
        {
            Handle = handle, HostPath = hostPath, Flags = flags, ReadOnly = readOnly,
        };

    public static FileDescriptor ForDirectory(string hostPath, ulong rightsBase, ulong rightsInheriting, bool readOnly, string? preopenName = null) =>
        new(DescriptorKind.Directory, WasiFileType.Directory, rightsBase, rightsInheriting)
        {
            HostPath = hostPath, ReadOnly = readOnly, PreopenName = preopenName,
        };

    /// <summary>A preopened directory with every directory right, less the mutating ones for a read-only preopen.</summary>
    public static FileDescriptor ForPreopen(WasiPreopen preopen)
    {
        ulong strip = preopen.ReadOnly ? WasiRights.Mutating : 0;
        return ForDirectory(preopen.HostPath, WasiRights.DirectoryBase & ~strip, WasiRights.DirectoryInheriting & ~strip,
            preopen.ReadOnly, preopen.GuestPath);
    }

    /// <summary>The open file's handle; a directory is <c>isdir</c>, a stream cannot seek (<c>spipe</c>).</summary>
    public SafeFileHandle RequireFile() => Kind switch
    {
        DescriptorKind.File => Handle!,
        DescriptorKind.Directory => throw new WasiErrnoException(WasiErrno.IsDir),
        _ => throw new WasiErrnoException(WasiErrno.Spipe),
    };

    /// <summary>What the descriptor refers to, as <c>filestat</c> describes it (a stream has only its type).</summary>
    public HostStat Stat()
    {
        HostStat stat;
        var error = Kind switch
        {
            DescriptorKind.File => HostFileSystem.FStat(Handle!, HostPath, out stat),
            DescriptorKind.Directory => HostFileSystem.Stat(HostPath, out stat),
            _ => Unknown(out stat),
        };
        if (error != WasiErrno.Success) throw new WasiErrnoException(error);
        return stat;
    }

    private WasiErrno Unknown(out HostStat stat)
    {
        stat = new HostStat(0, 0, FileType, 1, 0, 0, 0, 0);
        return WasiErrno.Success;
    }

    /// <summary>Sets the times (nanoseconds or the <see cref="UnixNative"/> now/omit markers); a stream has none (<c>badf</c>).</summary>
    public WasiErrno SetTimes(long access, long modification) => Kind switch
    {
        DescriptorKind.File => HostFileSystem.SetTimes(Handle!, HostPath, access, modification),
        DescriptorKind.Directory => HostFileSystem.SetTimes(HostPath, access, modification, follow: true),
        _ => WasiErrno.Badf,
    };

    /// <summary>True for a preopened directory (the mark moves with the entry on <c>fd_renumber</c>).</summary>
    public bool IsPreopen => PreopenName is not null;

    /// <summary>Fails with <c>notcapable</c> unless the descriptor holds every right in <paramref name="rights"/>.</summary>
    public void Require(ulong rights)
    {
        if ((RightsBase & rights) != rights) throw new WasiErrnoException(WasiErrno.NotCapable);
    }

    public void Dispose() => Handle?.Dispose();
}
