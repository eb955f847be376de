namespace Heron.Wasi;

/// <summary>
/// Registers WASI preview 1 with a <see cref="Linker"/>: every function of <c>wasi_snapshot_preview1</c>,
/// bound to one <see cref="WasiContext"/>. Uses only Heron's public API: each host function takes the
/// <see cref="Caller"/> first and reads the calling instance's exported <c>memory</c> on every call (the
/// memory can grow, which may move or lengthen its span, so it is never cached).
/// </summary>
/// <example>
/// <code>
/// using var wasi = new WasiConfiguration()
///     .WithArguments("app.wasm", "--verbose")
///     .InheritStandardStreams()
///     .PreopenDirectory("./data", "/data", readOnly: true)
///     .Build();
/// var engine = new Engine();
/// var module = Module.FromFile(engine, "app.wasm");
/// using var store = new Store(engine);
/// int exitCode = WasiCommand.Run(new Linker(engine), store, module, wasi);
/// </code>
/// </example>
public static class WasiLinkerExtensions
{
    /// <summary>The import module name of WASI preview 1.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    /// <summary>Defines every <c>wasi_snapshot_preview1</c> function on <paramref name="linker"/>, served by <paramref name="context"/>.</summary>
    public static Linker DefineWasi(this Linker linker, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(context);
        var a = context.ArgsEnviron;
        var c = context.Clocks;
        var f = context.Fd;
        var p = context.Path;
        const string m = ModuleName;

        linker.DefineFunction(m, "args_get", (Func<Caller, int, int, int>)((k, x, y) => a.ArgsGet(Mem(k), x, y)));
        linker.DefineFunction(m, "args_sizes_get", (Func<Caller, int, int, int>)((k, x, y) => a.ArgsSizesGet(Mem(k), x, y)));
        linker.DefineFunction(m, "environ_get", (Func<Caller, int, int, int>)((k, x, y) => a.EnvironGet(Mem(k), x, y)));
        linker.DefineFunction(m, "environ_sizes_get", (Func<Caller, int, int, int>)((k, x, y) => a.EnvironSizesGet(Mem(k), x, y)));
        linker.DefineFunction(m, "clock_res_get", (Func<Caller, int, int, int>)((k, id, r) => c.ClockResGet(Mem(k), id, r)));
        linker.DefineFunction(m, "clock_time_get", (Func<Caller, int, long, int, int>)((k, id, precision, r) => c.ClockTimeGet(Mem(k), id, precision, r)));
        linker.DefineFunction(m, "random_get", (Func<Caller, int, int, int>)((k, b, n) => context.Random.RandomGet(Mem(k), b, n)));

        linker.DefineFunction(m, "fd_advise", (Func<Caller, int, long, long, int, int>)((k, fd, o, l, adv) => f.FdAdvise(Mem(k), fd, o, l, adv)));
        linker.DefineFunction(m, "fd_allocate", (Func<Caller, int, long, long, int>)((k, fd, o, l) => f.FdAllocate(Mem(k), fd, o, l)));
        linker.DefineFunction(m, "fd_close", (Func<Caller, int, int>)((k, fd) => f.FdClose(Mem(k), fd)));
        linker.DefineFunction(m, "fd_datasync", (Func<Caller, int, int>)((k, fd) => f.FdDatasync(Mem(k), fd)));
        linker.DefineFunction(m, "fd_fdstat_get", (Func<Caller, int, int, int>)((k, fd, r) => f.FdFdstatGet(Mem(k), fd, r)));
        linker.DefineFunction(m, "fd_fdstat_set_flags", (Func<Caller, int, int, int>)((k, fd, fl) => f.FdFdstatSetFlags(Mem(k), fd, fl)));
        linker.DefineFunction(m, "fd_fdstat_set_rights", (Func<Caller, int, long, long, int>)((k, fd, b, i) => f.FdFdstatSetRights(Mem(k), fd, b, i)));
        linker.DefineFunction(m, "fd_filestat_get", (Func<Caller, int, int, int>)((k, fd, r) => f.FdFilestatGet(Mem(k), fd, r)));
        linker.DefineFunction(m, "fd_filestat_set_size", (Func<Caller, int, long, int>)((k, fd, s) => f.FdFilestatSetSize(Mem(k), fd, s)));
        linker.DefineFunction(m, "fd_filestat_set_times", (Func<Caller, int, long, long, int, int>)((k, fd, at, mt, fl) => f.FdFilestatSetTimes(Mem(k), fd, at, mt, fl)));
        linker.DefineFunction(m, "fd_pread", (Func<Caller, int, int, int, long, int, int>)((k, fd, v, n, o, r) => f.FdPread(Mem(k), fd, v, n, o, r)));
        linker.DefineFunction(m, "fd_prestat_get", (Func<Caller, int, int, int>)((k, fd, r) => f.FdPrestatGet(Mem(k), fd, r)));
        linker.DefineFunction(m, "fd_prestat_dir_name", (Func<Caller, int, int, int, int>)((k, fd, b, n) => f.FdPrestatDirName(Mem(k), fd, b, n)));
        linker.DefineFunction(m, "fd_pwrite", (Func<Caller, int, int, int, long, int, int>)((k, fd, v, n, o, r) => f.FdPwrite(Mem(k), fd, v, n, o, r)));
        linker.DefineFunction(m, "fd_read", (Func<Caller, int, int, int, int, int>)((k, fd, v, n, r) => f.FdRead(Mem(k), fd, v, n, r)));
        linker.DefineFunction(m, "fd_readdir", (Func<Caller, int, int, int, long, int, int>)((k, fd, b, n, cookie, r) => f.FdReaddir(Mem(k), fd, b, n, cookie, r)));
        linker.DefineFunction(m, "fd_renumber", (Func<Caller, int, int, int>)((k, fd, to) => f.FdRenumber(Mem(k), fd, to)));
        linker.DefineFunction(m, "fd_seek", (Func<Caller, int, long, int, int, int>)((k, fd, o, w, r) => f.FdSeek(Mem(k), fd, o, w, r)));
        linker.DefineFunction(m, "fd_sync", (Func<Caller, int, int>)((k, fd) => f.FdSync(Mem(k), fd)));
        linker.DefineFunction(m, "fd_tell", (Func<Caller, int, int, int>)((k, fd, r) => f.FdTell(Mem(k), fd, r)));
        linker.DefineFunction(m, "fd_write", (Func<Caller, int, int, int, int, int>)((k, fd, v, n, r) => f.FdWrite(Mem(k), fd, v, n, r)));

        linker.DefineFunction(m, "path_create_directory", (Func<Caller, int, int, int, int>)((k, fd, s, n) => p.PathCreateDirectory(Mem(k), fd, s, n)));
        linker.DefineFunction(m, "path_filestat_get", (Func<Caller, int, int, int, int, int, int>)((k, fd, fl, s, n, r) => p.PathFilestatGet(Mem(k), fd, fl, s, n, r)));
        linker.DefineFunction(m, "path_filestat_set_times", (Func<Caller, int, int, int, int, long, long, int, int>)((k, fd, fl, s, n, at, mt, fst) => p.PathFilestatSetTimes(Mem(k), fd, fl, s, n, at, mt, fst)));
        linker.DefineFunction(m, "path_link", (Func<Caller, int, int, int, int, int, int, int, int>)((k, ofd, ofl, os, on, nfd, ns, nn) => p.PathLink(Mem(k), ofd, ofl, os, on, nfd, ns, nn)));
        linker.DefineFunction(m, "path_open", (Func<Caller, int, int, int, int, int, long, long, int, int, int>)((k, fd, dfl, s, n, ofl, rb, ri, ffl, r) => p.PathOpen(Mem(k), fd, dfl, s, n, ofl, rb, ri, ffl, r)));
        linker.DefineFunction(m, "path_readlink", (Func<Caller, int, int, int, int, int, int, int>)((k, fd, s, n, b, bn, r) => p.PathReadlink(Mem(k), fd, s, n, b, bn, r)));
        linker.DefineFunction(m, "path_remove_directory", (Func<Caller, int, int, int, int>)((k, fd, s, n) => p.PathRemoveDirectory(Mem(k), fd, s, n)));
        linker.DefineFunction(m, "path_rename", (Func<Caller, int, int, int, int, int, int, int>)((k, fd, os, on, nfd, ns, nn) => p.PathRename(Mem(k), fd, os, on, nfd, ns, nn)));
        linker.DefineFunction(m, "path_symlink", (Func<Caller, int, int, int, int, int, int>)((k, os, on, fd, ns, nn) => p.PathSymlink(Mem(k), os, on, fd, ns, nn)));
        linker.DefineFunction(m, "path_unlink_file", (Func<Caller, int, int, int, int>)((k, fd, s, n) => p.PathUnlinkFile(Mem(k), fd, s, n)));

        linker.DefineFunction(m, "poll_oneoff", (Func<Caller, int, int, int, int, int>)((k, i, o, n, r) => context.Poll.PollOneoff(Mem(k), i, o, n, r)));
        linker.DefineFunction(m, "proc_exit", (Action<Caller, int>)((k, code) => context.Proc.ProcExit(default, code)));
        linker.DefineFunction(m, "proc_raise", (Func<Caller, int, int>)((k, sig) => context.Proc.ProcRaise(default, sig)));
        linker.DefineFunction(m, "sched_yield", (Func<Caller, int>)(k => context.Proc.SchedYield(default)));
        linker.DefineFunction(m, "sock_accept", (Func<Caller, int, int, int, int>)((k, fd, fl, r) => context.Sock.SockAccept(Mem(k), fd, fl, r)));
        linker.DefineFunction(m, "sock_recv", (Func<Caller, int, int, int, int, int, int, int>)((k, fd, v, n, fl, r, rf) => context.Sock.SockRecv(Mem(k), fd, v, n, fl, r, rf)));
        linker.DefineFunction(m, "sock_send", (Func<Caller, int, int, int, int, int, int>)((k, fd, v, n, fl, r) => context.Sock.SockSend(Mem(k), fd, v, n, fl, r)));
        linker.DefineFunction(m, "sock_shutdown", (Func<Caller, int, int, int>)((k, fd, how) => context.Sock.SockShutdown(Mem(k), fd, how)));
        return linker;
    }

    /// <summary>The caller's linear memory; WASI cannot work without one, so its absence ends the program.</summary>
    private static Span<byte> Mem(Caller caller) =>
        (caller.GetMemory("memory") ?? throw new WasmException("a WASI program must export its linear memory as \"memory\"")).Span;
}
