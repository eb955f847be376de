using Heron.Components;
using Heron.Wasi.Preview2;
using Heron.Wasi.Preview2.Sockets;

namespace Heron.Wasi;

/// <summary>
/// WASI 0.2 for components: defines <c>wasi:cli</c>, <c>wasi:io</c>, <c>wasi:clocks</c>, <c>wasi:random</c>,
/// <c>wasi:filesystem</c> and <c>wasi:sockets</c> (at 0.2.0, which every <c>@0.2.x</c> import links to)
/// in a <see cref="ComponentLinker"/>, on the same <see cref="WasiContext"/> (sandbox, streams, clocks,
/// random source) a preview 1 program uses.
/// </summary>
public static class WasiPreview2
{
    /// <summary>
    /// Adds every WASI 0.2 interface to <paramref name="linker"/>, serving them from <paramref name="context"/>.
    /// Resources the guest creates belong to this call's tables: use one linker per context.
    /// </summary>
    public static ComponentLinker AddToLinker(ComponentLinker linker, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(context);
        Define(linker, context);
        return linker;
    }

    /// <summary>
    /// Adds every WASI 0.2 interface and returns the tables behind them, for interfaces built on wasi:io
    /// (wasi:http's bodies are its streams, its futures its pollables).
    /// </summary>
    internal static Preview2Host Define(ComponentLinker linker, WasiContext context)
    {
        var host = new Preview2Host(context);
        IoInterfaces.Define(linker, host);
        CliInterfaces.Define(linker, host);
        ClockRandomInterfaces.Define(linker, host);
        FilesystemInterfaces.Define(linker, host);
        SocketInterfaces.Define(linker, host);
        return host;
    }

    /// <summary>
    /// Runs a WASI 0.2 command: adds WASI to <paramref name="linker"/>, instantiates <paramref name="component"/>
    /// and calls the <c>run</c> function of its <c>wasi:cli/run@0.2.x</c> export. Returns 0 when it returns
    /// <c>ok</c> and 1 when it returns <c>err</c>; a <c>wasi:cli/exit</c> call ends it with that call's code.
    /// Traps propagate as <see cref="TrapException"/>; a component that is no command is a <see cref="WasmException"/>.
    /// </summary>
    public static int RunCommand(ComponentLinker linker, Store store, Component component, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(component);
        AddToLinker(linker, context);
        try
        {
            var instance = linker.Instantiate(store, component);
            var run = FindRun(instance)
                ?? throw new WasmException("the component is no WASI command: it exports no wasi:cli/run@0.2.x interface with a run function");
            return run.Invoke()?.Label == "ok" ? 0 : 1;
        }
        catch (Exception e) when (WasiCommand.ExitCode(e) is int code)
        {
            return code;
        }
    }

    /// <summary>The <c>run</c> function of a <c>wasi:cli/run@0.2.x</c> export, whatever its patch version.</summary>
    public static ComponentFunction? FindRun(ComponentInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var name in instance.ExportNames)
        {
            if (name.StartsWith("wasi:cli/run@0.2.", StringComparison.Ordinal) && instance.GetInstance(name)?.GetFunction("run") is { } run)
                return run;
        }
        return null;
    }
}
