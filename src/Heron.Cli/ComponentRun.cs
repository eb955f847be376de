using Heron.Components;
using Heron.Components.Binary;
using Heron.Wasi;

namespace Heron.Cli;

/// <summary>
/// <c>heron run</c> of a component: a WASI 0.2 command (<c>wasi:cli/run</c>) with the same flags as a core
/// module's run. Exit code: 0 when <c>run</c> returns <c>ok</c>, 1 when it returns <c>err</c> or the guest
/// calls <c>wasi:cli/exit.exit(err)</c> (0.2 results carry no code); 134 after a trap; 1 for a component that
/// cannot be loaded or linked.
/// </summary>
internal static class ComponentRun
{
    /// <summary>
    /// True when the file starts with a component's preamble; false for anything else, unreadable files
    /// included. Touches nothing of Heron.Components, so a core module's run never loads that assembly.
    /// </summary>
    public static bool IsComponentFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> preamble = stackalloc byte[8];
            return stream.ReadAtLeast(preamble, 8, throwOnEndOfStream: false) == 8 && Heron.Binary.BinaryPreamble.IsComponent(preamble);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static int Run(RunOptions options, TextWriter error)
    {
        if (options.Invoke != null)
        {
            error.WriteLine($"heron run: --invoke calls a core module's export; {options.File} is a component, which runs as a wasi:cli/run command");
            return 2;
        }
        if (options.WasiThreads)
        {
            error.WriteLine("heron run: -S threads=y is for core modules (wasi-threads); components have no threads in WASI 0.2");
            return 2;
        }
        var engine = new Engine(CodegenSettings.ToConfig(options));
        Component component;
        try
        {
            component = Component.FromFile(engine, options.File);
        }
        catch (Exception failure) when (failure is WasmException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"heron run: {options.File}: {failure.Message}");
            return 1;
        }

        using var store = new Store(engine);
        RunCommand.PrepareStore(store, options);
        using var timer = options.Timeout is { } timeout ? new Timer(_ => engine.IncrementEpoch(), null, timeout, Timeout.InfiniteTimeSpan) : null;
        using var wasi = RunCommand.BuildWasi(options).Build();
        try
        {
            return WasiPreview2.RunCommand(new ComponentLinker(engine), store, component, wasi);
        }
        catch (TrapException trap)
        {
            RunCommand.ReportTrap(trap, error);
            return RunCommand.TrapExitCode;
        }
        catch (WasmException failure)
        {
            error.WriteLine($"heron run: {options.File}: {failure.Message}");
            return 1;
        }
    }
}
