namespace Heron.Wasi.Preview2;

/// <summary>
/// <c>wasi:filesystem/types.error-code</c> from preview 1's errno: the shared file-system layer reports
/// errnos, and WASI 0.2 names the same POSIX errors differently.
/// </summary>
internal static class FilesystemErrorCode
{
    public static string From(WasiErrno errno) => errno switch
    {
        WasiErrno.Acces => "access",
        WasiErrno.Again => "would-block",
        WasiErrno.Already => "already",
        WasiErrno.Badf => "bad-descriptor",
        WasiErrno.Busy => "busy",
        WasiErrno.Deadlk => "deadlock",
        WasiErrno.Dquot => "quota",
        WasiErrno.Exist => "exist",
        WasiErrno.Fbig => "file-too-large",
        WasiErrno.Ilseq => "illegal-byte-sequence",
        WasiErrno.InProgress => "in-progress",
        WasiErrno.Intr => "interrupted",
        WasiErrno.Inval => "invalid",
        WasiErrno.IsDir => "is-directory",
        WasiErrno.Loop => "loop",
        WasiErrno.Mlink => "too-many-links",
        WasiErrno.MsgSize => "message-size",
        WasiErrno.NameTooLong => "name-too-long",
        WasiErrno.NoDev => "no-device",
        WasiErrno.NoEnt => "no-entry",
        WasiErrno.NoLck => "no-lock",
        WasiErrno.NoMem => "insufficient-memory",
        WasiErrno.NoSpc => "insufficient-space",
        WasiErrno.NotDir => "not-directory",
        WasiErrno.NotEmpty => "not-empty",
        WasiErrno.NotRecoverable => "not-recoverable",
        WasiErrno.NotSup => "unsupported",
        WasiErrno.NotTy => "no-tty",
        WasiErrno.Nxio => "no-such-device",
        WasiErrno.Overflow => "overflow",
        // A missing capability is the guest not being permitted, as Wasmtime reports it.
        WasiErrno.Perm or WasiErrno.NotCapable => "not-permitted",
        WasiErrno.Pipe => "pipe",
        WasiErrno.Rofs => "read-only",
        WasiErrno.Spipe => "invalid-seek",
        WasiErrno.TxtBsy => "text-file-busy",
        WasiErrno.Xdev => "cross-device",
        _ => "io",
    };
}
