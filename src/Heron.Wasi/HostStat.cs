namespace Heron.Wasi;

/// <summary>What WASI's <c>filestat</c> tells about a host file; times are nanoseconds since the Unix epoch.</summary>
internal readonly record struct HostStat(
    ulong Device, ulong Inode, WasiFileType FileType, ulong LinkCount, ulong Size,
    ulong AccessTime, ulong ModificationTime, ulong ChangeTime)
{
    public bool IsDirectory => FileType == WasiFileType.Directory;
    public bool IsSymbolicLink => FileType == WasiFileType.SymbolicLink;
}
