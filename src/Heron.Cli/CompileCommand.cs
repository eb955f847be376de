namespace Heron.Cli;

/// <summary>
/// <c>heron compile [-W ...] [-C ...] FILE [-o OUT]</c>: writes a precompiled module (Wasmtime's
/// <c>wasmtime compile</c>): a .NET assembly with the module, its compiled code and ReadyToRun native
/// code, for <c>heron run --allow-precompiled OUT</c> or <see cref="Module.DeserializeFile(Engine, string)"/>. The
/// <c>-W</c> and <c>-C</c> options that change code (fuel, timeout) must be given to both commands alike.
/// Without crossgen2 the module is written with CIL only (still loadable; the JIT compiles it when run).
/// </summary>
internal static class CompileCommand
{
    public const string Usage =
        "usage: heron compile [-W OPTION=VALUE]... [-C OPTION=VALUE]... FILE [-o OUT]\n" +
        "  writes OUT (default: FILE with the extension .cwasm) for heron run --allow-precompiled OUT;\n" +
        "  -W fuel=N, -W timeout=D and -W threads=y change the code (fuel and epoch checks, the threads\n" +
        "  feature): give them to heron run too";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 0 && args[0] is "--help" or "-h")
        {
            output.WriteLine(Usage);
            return 0;
        }
        string? outPath = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] is "-o" or "--output")
            {
                if (i + 1 >= args.Count) return UsageError(error, $"option {args[i]} needs a value");
                outPath = args[++i];
            }
            else rest.Add(args[i]);
        }
        var (options, usageError) = RunOptionsParser.Parse(rest);
        if (options == null) return UsageError(error, usageError!);
        if (options.Arguments.Count > 0) return UsageError(error, $"unexpected argument {options.Arguments[0]}");
        outPath ??= Path.ChangeExtension(options.File, ".cwasm");

        var engine = new Engine(CodegenSettings.ToConfig(options));
        try
        {
            // The assembly is named after its file, so that a project can reference it like any library.
            var assembly = Precompiled.ModulePrecompiler.Compile(engine, ModuleFile.ReadBinary(options.File), assemblyName: Path.GetFileNameWithoutExtension(outPath));
            var note = PrecompiledWriter.Write(assembly, outPath);
            if (note != null) error.WriteLine($"heron compile: {note}");
            return 0;
        }
        catch (Exception failure) when (failure is WasmException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"heron compile: {options.File}: {failure.Message}");
            return 1;
        }
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"heron compile: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
