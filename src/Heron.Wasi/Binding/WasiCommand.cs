namespace Heron.Wasi;

/// <summary>Runs a WASI command (a module exporting <c>_start</c>) to completion and reports its exit code.</summary>
public static class WasiCommand
{
    /// <summary>
    /// Instantiates <paramref name="module"/> with WASI (plus whatever <paramref name="linker"/> already
    /// defines), calls <c>_start</c> and returns the exit code: the one given to <c>proc_exit</c>, or 0
    /// when <c>_start</c> returns. Traps propagate as <see cref="TrapException"/>.
    /// </summary>
    public static int Run(Linker linker, Store store, Module module, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        linker.DefineWasi(context);
        try
        {
            var instance = linker.Instantiate(store, module);
            var start = instance.GetAction("_start") ?? throw new WasmException("a WASI command must export _start");
            start();
            return 0;
        }
        catch (Exception e) when (ExitCode(e) is int code)
        {
            return code;
        }
    }

    /// <summary>The exit code when <paramref name="exception"/> is, or wraps, a <see cref="WasiExitException"/>.</summary>
    public static int? ExitCode(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is WasiExitException exit) return exit.ExitCode;
        }
        return null;
    }
}
