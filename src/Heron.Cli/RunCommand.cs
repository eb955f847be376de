using Heron.Wasi;

namespace Heron.Cli;

/// <summary>
/// <c>heron run [options] FILE [ARGS...]</c>: runs a WASI command (or, with <c>--invoke</c>, one export).
/// Exit code: the guest's <c>proc_exit</c> code (0 when <c>_start</c> returns); 134 after a trap, as
/// Wasmtime on Unix; 1 for a module that cannot be loaded or linked; 2 for a bad command line. With
/// <c>-S threads=y</c> a program may start threads (wasi-threads); one that exits or traps ends the process.
/// </summary>
internal static class RunCommand
{
    public const int TrapExitCode = 134;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 0 && args[0] is "--help" or "-h")
        {
            output.WriteLine(RunOptionsParser.Usage);
            return 0;
        }
        var (options, usageError) = RunOptionsParser.Parse(args);
        if (options == null)
        {
            error.WriteLine($"heron run: {usageError}");
            error.WriteLine(RunOptionsParser.Usage);
            return 2;
        }
        if (ComponentRun.IsComponentFile(options.File)) return ComponentRun.Run(options, error);
        var engine = new Engine(CodegenSettings.ToConfig(options));
        Module module;
        try
        {
            // What the run needs from the module is checked before any of it is compiled: a library module
            // given as a command is refused at once, however large.
            module = Load(engine, options, error);
        }
        catch (MissingEntryException missing)
        {
            error.WriteLine($"heron run: {options.File} {missing.Message}");
            return 1;
        }
        catch (Exception failure) when (failure is WasmException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"heron run: {options.File}: {failure.Message}");
            return 1;
        }

        using var store = new Store(engine);
        PrepareStore(store, options);
        // The timeout counts from instantiation (start function included): one epoch tick interrupts the guest.
        using var timer = options.Timeout is { } timeout ? new Timer(_ => engine.IncrementEpoch(), null, timeout, Timeout.InfiniteTimeSpan) : null;
        using var wasi = BuildWasi(options).Build();
        var linker = new Linker(engine);
        linker.DefineWasi(wasi);
        if (options.WasiThreads)
        {
            WasiThreads.DefineSharedMemories(linker, store, module);
            var threads = new WasiThreads(module, linker, s => PrepareStore(s, options));
            threads.Exited += exit => EndProgram(exit, error);
            threads.Define();
        }
        if (options.UnknownImportsTrap || options.UnknownImportsDefault)
            UnknownImports.Define(linker, store, module, trap: options.UnknownImportsTrap);

        try
        {
            var instance = linker.Instantiate(store, module);
            return options.Invoke != null ? Invoke(instance, options, output, error) : RunStart(instance, options, error);
        }
        catch (TrapException trap)
        {
            ReportTrap(trap, error);
            return TrapExitCode;
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode;
        }
        catch (WasmException failure)
        {
            error.WriteLine($"heron run: {options.File}: {failure.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The module to run: a precompiled one as it is, when allowed (checked for its entry after loading,
    /// which compiles nothing); otherwise compiled from the file (which refuses a precompiled module).
    /// </summary>
    private static Module Load(Engine engine, RunOptions options, TextWriter error)
    {
        if (options.AllowPrecompiled && IsPrecompiled(options.File))
        {
            var module = Module.DeserializeFile(engine, options.File);
            CheckEntry(module.Exports, options);
            return module;
        }
        if (options.Cache)
        {
            var bytes = File.ReadAllBytes(options.File);
            if (!ModuleFile.IsBinary(bytes) && Precompiled.PrecompiledImage.LooksLikeAssembly(bytes))
                return Module.FromBytes(engine, bytes); // refused as a precompiled module, or malformed
            return new CompiledCodeCache(CompiledCodeCache.DefaultFolder).Load(engine, ModuleFile.ToBinary(bytes), Path.GetFileNameWithoutExtension(options.File),
                exports => CheckEntry(exports, options), note => error.WriteLine($"heron run: {note}"));
        }
        return Module.FromFileChecked(engine, options.File, exports => CheckEntry(exports, options));
    }

    private static bool IsPrecompiled(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && Precompiled.PrecompiledImage.LooksLikeAssembly(start);
    }

    /// <summary>Fuel, the memory limit and the timeout's epoch deadline, for the main store and each wasi-threads thread's.</summary>
    internal static void PrepareStore(Store store, RunOptions options)
    {
        if (options.Fuel is { } fuel) store.SetFuel(fuel);
        if (options.MaxMemorySize is { } maxMemory) store.SetLimits(memorySize: (long)Math.Min(maxMemory, long.MaxValue));
        if (options.Timeout != null) store.SetEpochDeadline(1);
    }

    /// <summary>
    /// A wasi-threads thread called <c>proc_exit</c> or trapped: the whole program ends there with that
    /// code, whatever its other threads are doing, as in Wasmtime.
    /// </summary>
    private static void EndProgram(WasiThreadExit exit, TextWriter error)
    {
        if (exit.Trap is { } trap) ReportTrap(trap, error);
        error.Flush();
        DeferredConsoleWriter.Out.Flush();
        Environment.Exit(exit.ExitCode);
    }

    private static void CheckEntry(IReadOnlyList<ExportType> exports, RunOptions options)
    {
        var wanted = options.Invoke ?? "_start";
        foreach (var export in exports)
            if (export.Name == wanted && export.Kind == ExternKind.Function) return;
        throw new MissingEntryException(options.Invoke == null
            ? "exports no _start function (use --invoke NAME to call an export)"
            : $"exports no function named \"{options.Invoke}\"");
    }

    /// <summary>The module lacks the export the run calls; the message completes "heron run: FILE ...".</summary>
    private sealed class MissingEntryException(string message) : Exception(message);

    internal static WasiConfiguration BuildWasi(RunOptions options)
    {
        var configuration = new WasiConfiguration()
            .WithArguments([Path.GetFileName(options.File), .. options.Arguments])
            .InheritStandardStreams()
            .WithNetwork(options.Network);
        foreach (var (name, value) in options.Environment)
            configuration.WithEnvironmentVariable(name, value ?? System.Environment.GetEnvironmentVariable(name) ?? "");
        foreach (var (host, guest) in options.Directories)
            configuration.PreopenDirectory(host, guest);
        return configuration;
    }

    private static int RunStart(Instance instance, RunOptions options, TextWriter error)
    {
        var start = instance.GetFunction("_start");
        if (start == null)
        {
            error.WriteLine($"heron run: {options.File} exports no _start function (use --invoke NAME to call an export)");
            return 1;
        }
        start.Invoke(NoItems<Value>.Array); // not Invoke(): an empty params array is Array.Empty<Value>(), JIT-compiled at start
        return 0;
    }

    private static int Invoke(Instance instance, RunOptions options, TextWriter output, TextWriter error)
    {
        var function = instance.GetFunction(options.Invoke!);
        if (function == null)
        {
            error.WriteLine($"heron run: {options.File} exports no function named \"{options.Invoke}\"");
            return 1;
        }
        var parameters = function.Type.Parameters;
        if (parameters.Count != options.Arguments.Count)
        {
            error.WriteLine($"heron run: \"{options.Invoke}\" takes {parameters.Count} argument(s), {options.Arguments.Count} given");
            return 2;
        }
        var arguments = new Value[parameters.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            try
            {
                arguments[i] = InvokeValues.Parse(options.Arguments[i], parameters[i]);
            }
            catch (Exception failure) when (failure is FormatException or OverflowException)
            {
                error.WriteLine($"heron run: argument {i + 1} (\"{options.Arguments[i]}\") is not a valid {parameters[i]}: {failure.Message}");
                return 2;
            }
        }
        foreach (var result in function.Invoke(arguments)) output.WriteLine(InvokeValues.Format(result));
        return 0;
    }

    internal static void ReportTrap(TrapException trap, TextWriter error)
    {
        // The message is the reason followed by the "wasm backtrace:" lines.
        error.WriteLine($"heron run: wasm trap: {trap.Message}");
    }
}
