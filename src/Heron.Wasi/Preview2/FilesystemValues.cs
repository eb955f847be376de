using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>The <c>wasi:filesystem/types</c> records, enums and flags, to and from the shared layer's values.</summary>
internal static class FilesystemValues
{
    public static ComponentValue DescriptorType(WasiFileType type) => ComponentValue.Enum(type switch
    {
        WasiFileType.BlockDevice => "block-device",
        WasiFileType.CharacterDevice => "character-device",
        WasiFileType.Directory => "directory",
        WasiFileType.RegularFile => "regular-file",
        WasiFileType.SymbolicLink => "symbolic-link",
        WasiFileType.SocketDgram or WasiFileType.SocketStream => "socket",
        _ => "unknown",
    });

    public static ComponentValue Stat(HostStat stat) => ComponentValue.Record([
        ("type", DescriptorType(stat.FileType)),
        ("link-count", ComponentValue.U64(stat.LinkCount)),
        ("size", ComponentValue.U64(stat.Size)),
        ("data-access-timestamp", ComponentValue.Some(ClockRandomInterfaces.DateTime(stat.AccessTime))),
        ("data-modification-timestamp", ComponentValue.Some(ClockRandomInterfaces.DateTime(stat.ModificationTime))),
        ("status-change-timestamp", ComponentValue.Some(ClockRandomInterfaces.DateTime(stat.ChangeTime))),
    ]);

    /// <summary>
    /// The file's identity as <c>metadata-hash-value</c>: the inode and device themselves. Two descriptors
    /// answer the same exactly when they name the same file, which is what the adapter's inode numbers need.
    /// </summary>
    public static ComponentValue MetadataHash(HostStat stat) => ComponentValue.Record([
        ("lower", ComponentValue.U64(stat.Inode)),
        ("upper", ComponentValue.U64(stat.Device)),
    ]);

    /// <summary>The <c>descriptor-flags</c> a descriptor's rights and fdflags amount to.</summary>
    public static ComponentValue DescriptorFlags(FileDescriptor descriptor)
    {
        var set = new List<string>();
        bool directory = descriptor.Kind == DescriptorKind.Directory;
        if ((descriptor.RightsBase & (directory ? WasiRights.FdReaddir : WasiRights.FdRead)) != 0) set.Add("read");
        if (!directory && (descriptor.RightsBase & WasiRights.FdWrite) != 0) set.Add("write");
        if ((descriptor.Flags & WasiFlags.FdSync) != 0) set.Add("file-integrity-sync");
        if ((descriptor.Flags & WasiFlags.FdDsync) != 0) set.Add("data-integrity-sync");
        if ((descriptor.Flags & WasiFlags.FdRsync) != 0) set.Add("requested-write-sync");
        if (directory && (descriptor.RightsBase & WasiRights.PathCreateFile) != 0) set.Add("mutate-directory");
        return ComponentValue.Flags(set);
    }

    /// <summary>Preview 1's <c>oflags</c> for <c>open-flags</c>.</summary>
    public static int OpenFlags(ComponentValue flags)
    {
        int result = 0;
        foreach (var flag in flags.AsFlags())
        {
            result |= flag switch
            {
                "create" => WasiFlags.OCreat,
                "directory" => WasiFlags.ODirectory,
                "exclusive" => WasiFlags.OExcl,
                "truncate" => WasiFlags.OTrunc,
                _ => 0,
            };
        }
        return result;
    }

    /// <summary>
    /// The rights and fdflags <c>descriptor-flags</c> ask for: a file may be read or written as the flags say
    /// (a directory opened for writing is <c>is-directory</c>, as in preview 1); everything else a file or
    /// directory can do is asked for, and the parent's inheritable rights bound it. A directory keeps what
    /// its parent allows whatever the flags, as in Wasmtime: listing it needs no <c>read</c> flag.
    /// </summary>
    public static (ulong Rights, int FdFlags) OpenRights(ComponentValue flags)
    {
        var set = flags.AsFlags();
        ulong rights = WasiRights.DirectoryBase | WasiRights.RegularFileBase;
        if (!set.Contains("read")) rights &= ~WasiRights.FdRead;
        if (!set.Contains("write")) rights &= ~(WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize);
        int fdFlags = (set.Contains("file-integrity-sync") ? WasiFlags.FdSync : 0)
            | (set.Contains("data-integrity-sync") ? WasiFlags.FdDsync : 0)
            | (set.Contains("requested-write-sync") ? WasiFlags.FdRsync : 0);
        return (rights, fdFlags);
    }

    /// <summary>A <c>new-timestamp</c> as nanoseconds or the <see cref="UnixNative"/> now/omit markers.</summary>
    public static long NewTimestamp(ComponentValue value) => value.Label switch
    {
        "no-change" => UnixNative.UtimeOmit,
        "now" => UnixNative.UtimeNow,
        _ => Nanoseconds(value.Payload!),
    };

    private static long Nanoseconds(ComponentValue datetime)
    {
        var fields = datetime.AsRecord();
        ulong seconds = fields[0].Value.AsU64(), nanos = fields[1].Value.AsU32();
        // Past 2262 a time does not fit the host's signed nanoseconds.
        if (seconds > (ulong)(long.MaxValue / 1_000_000_000) - 1 || nanos >= 1_000_000_000) throw new WasiErrnoException(WasiErrno.Inval);
        return (long)(seconds * 1_000_000_000 + nanos);
    }
}
