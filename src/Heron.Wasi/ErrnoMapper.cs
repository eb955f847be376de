namespace Heron.Wasi;

/// <summary>
/// Turns what the host reports (a .NET exception, or a raw OS error number) into the WASI errno a guest
/// expects. Functions check the common cases up front; this is the net for what only the OS can know.
/// </summary>
internal static class ErrnoMapper
{
    public static int From(Exception exception) => (int)ToErrno(exception);

    public static WasiErrno ToErrno(Exception exception) => exception switch
    {
        WasiErrnoException e => e.Errno,
        GuestFaultException => WasiErrno.Fault,
        FileNotFoundException or DirectoryNotFoundException => WasiErrno.NoEnt,
        PathTooLongException => WasiErrno.NameTooLong,
        UnauthorizedAccessException u => FromOsError(u.HResult, WasiErrno.Acces),
        IOException io => FromOsError(io.HResult, WasiErrno.Io),
        ObjectDisposedException => WasiErrno.Badf,
        NotSupportedException or PlatformNotSupportedException => WasiErrno.NotSup,
        ArgumentException or OverflowException => WasiErrno.Inval,
        OutOfMemoryException => WasiErrno.NoMem,
        _ => WasiErrno.Io,
    };

    /// <summary>
    /// .NET on Unix keeps the raw <c>errno</c> in <see cref="Exception.HResult"/> for the errors it has no
    /// exception type for (EEXIST, ENOTEMPTY, EISDIR...); on Windows HResults are negative and fall through.
    /// </summary>
    public static WasiErrno FromOsError(int error, WasiErrno fallback)
    {
        if (error <= 0 || error > 200 || OperatingSystem.IsWindows()) return fallback;
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD())
        {
            return error switch
            {
                1 => WasiErrno.Perm, 2 => WasiErrno.NoEnt, 5 => WasiErrno.Io, 9 => WasiErrno.Badf,
                12 => WasiErrno.NoMem, 13 => WasiErrno.Acces, 16 => WasiErrno.Busy, 17 => WasiErrno.Exist,
                18 => WasiErrno.Xdev, 20 => WasiErrno.NotDir, 21 => WasiErrno.IsDir, 22 => WasiErrno.Inval,
                24 => WasiErrno.Mfile, 27 => WasiErrno.Fbig, 28 => WasiErrno.NoSpc, 29 => WasiErrno.Spipe,
                30 => WasiErrno.Rofs, 31 => WasiErrno.Mlink, 32 => WasiErrno.Pipe, 62 => WasiErrno.Loop,
                63 => WasiErrno.NameTooLong, 66 => WasiErrno.NotEmpty, 45 => WasiErrno.NotSup,
                _ => fallback,
            };
        }
        return error switch
        {
            1 => WasiErrno.Perm, 2 => WasiErrno.NoEnt, 5 => WasiErrno.Io, 9 => WasiErrno.Badf,
            11 => WasiErrno.Again, 12 => WasiErrno.NoMem, 13 => WasiErrno.Acces, 16 => WasiErrno.Busy,
            17 => WasiErrno.Exist, 18 => WasiErrno.Xdev, 20 => WasiErrno.NotDir, 21 => WasiErrno.IsDir,
            22 => WasiErrno.Inval, 24 => WasiErrno.Mfile, 27 => WasiErrno.Fbig, 28 => WasiErrno.NoSpc,
            29 => WasiErrno.Spipe, 30 => WasiErrno.Rofs, 31 => WasiErrno.Mlink, 32 => WasiErrno.Pipe,
            36 => WasiErrno.NameTooLong, 39 => WasiErrno.NotEmpty, 40 => WasiErrno.Loop,
            95 => WasiErrno.NotSup, 122 => WasiErrno.Dquot,
            _ => fallback,
        };
    }
}
