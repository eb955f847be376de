namespace Heron.Wasi;

/// <summary>The capability bits of a WASI file descriptor (<c>rights</c>) and the usual sets of them.</summary>
internal static class WasiRights
{
    public const ulong FdDatasync = 1UL << 0;
    public const ulong FdRead = 1UL << 1;
    public const ulong FdSeek = 1UL << 2;
    public const ulong FdFdstatSetFlags = 1UL << 3;
    public const ulong FdSync = 1UL << 4;
    public const ulong FdTell = 1UL << 5;
    public const ulong FdWrite = 1UL << 6;
    public const ulong FdAdvise = 1UL << 7;
    public const ulong FdAllocate = 1UL << 8;
    public const ulong PathCreateDirectory = 1UL << 9;
    public const ulong PathCreateFile = 1UL << 10;
    public const ulong PathLinkSource = 1UL << 11;
    public const ulong PathLinkTarget = 1UL << 12;
    public const ulong PathOpen = 1UL << 13;
    public const ulong FdReaddir = 1UL << 14;
    public const ulong PathReadlink = 1UL << 15;
    public const ulong PathRenameSource = 1UL << 16;
    public const ulong PathRenameTarget = 1UL << 17;
    public const ulong PathFilestatGet = 1UL << 18;
    public const ulong PathFilestatSetSize = 1UL << 19;
    public const ulong PathFilestatSetTimes = 1UL << 20;
    public const ulong FdFilestatGet = 1UL << 21;
    public const ulong FdFilestatSetSize = 1UL << 22;
    public const ulong FdFilestatSetTimes = 1UL << 23;
    public const ulong PathSymlink = 1UL << 24;
    public const ulong PathRemoveDirectory = 1UL << 25;
    public const ulong PathUnlinkFile = 1UL << 26;
    public const ulong PollFdReadwrite = 1UL << 27;
    public const ulong SockShutdown = 1UL << 28;
    public const ulong SockAccept = 1UL << 29;

    /// <summary>Every right preview 1 defines.</summary>
    public const ulong All = (1UL << 30) - 1;

    /// <summary>What a regular file can do; a file descriptor never holds more.</summary>
    public const ulong RegularFileBase = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell
        | FdWrite | FdAdvise | FdAllocate | FdFilestatGet | FdFilestatSetSize | FdFilestatSetTimes
        | PollFdReadwrite;

    /// <summary>What a directory can do. It has no <c>fd_filestat_set_size</c> nor seek: guests check both.</summary>
    public const ulong DirectoryBase = FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory
        | PathCreateFile | PathLinkSource | PathLinkTarget | PathOpen | FdReaddir | PathReadlink
        | PathRenameSource | PathRenameTarget | PathFilestatGet | PathFilestatSetSize | PathFilestatSetTimes
        | FdFilestatGet | FdFilestatSetTimes | PathSymlink | PathRemoveDirectory | PathUnlinkFile
        | PollFdReadwrite;

    /// <summary>What a directory hands down to what is opened through it.</summary>
    public const ulong DirectoryInheriting = DirectoryBase | RegularFileBase;

    /// <summary>What a standard stream can do: no seek or tell, which is how libc's <c>isatty</c> tells a terminal.</summary>
    public const ulong StdioBase = FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet | PollFdReadwrite;

    /// <summary>Every right that changes the file system; a read-only preopen never holds one.</summary>
    public const ulong Mutating = FdWrite | FdAllocate | FdFilestatSetSize | FdFilestatSetTimes | FdDatasync
        | PathCreateDirectory | PathCreateFile | PathLinkSource | PathLinkTarget | PathRenameSource
        | PathRenameTarget | PathFilestatSetSize | PathFilestatSetTimes | PathSymlink | PathRemoveDirectory
        | PathUnlinkFile;
}
