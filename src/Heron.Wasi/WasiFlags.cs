namespace Heron.Wasi;

/// <summary>The small flag sets of preview 1: <c>fdflags</c>, <c>oflags</c>, <c>lookupflags</c>, <c>fstflags</c>.</summary>
internal static class WasiFlags
{
    public const ushort FdAppend = 1 << 0;
    public const ushort FdDsync = 1 << 1;
    public const ushort FdNonblock = 1 << 2;
    public const ushort FdRsync = 1 << 3;
    public const ushort FdSync = 1 << 4;
    public const ushort FdAll = (1 << 5) - 1;

    public const ushort OCreat = 1 << 0;
    public const ushort ODirectory = 1 << 1;
    public const ushort OExcl = 1 << 2;
    public const ushort OTrunc = 1 << 3;
    public const ushort OAll = (1 << 4) - 1;

    public const int LookupSymlinkFollow = 1 << 0;

    public const ushort FstAtim = 1 << 0;
    public const ushort FstAtimNow = 1 << 1;
    public const ushort FstMtim = 1 << 2;
    public const ushort FstMtimNow = 1 << 3;
    public const ushort FstAll = (1 << 4) - 1;
}
