using System.Globalization;

namespace Heron.Cli;

/// <summary>
/// Parses <c>heron run [options] FILE [ARGS...]</c> by hand: everything after FILE belongs to the guest,
/// even when it looks like an option, which a general-purpose parser would not allow.
/// </summary>
internal static class RunOptionsParser
{
    public const string Usage = """
        usage: heron run [OPTIONS] FILE [ARGS...]

        Runs FILE (.wasm or .wat). A WASI command (one exporting _start) runs with ARGS as its arguments
        and exits with its exit code; with --invoke, the named export is called with ARGS as its arguments
        and its results are printed, one per line. A component runs as a WASI 0.2 command (its
        wasi:cli/run export): exit 0 when run returns ok, 1 when it returns err or exits with err.
        Everything after FILE belongs to the program.

        options:
          --dir HOST[::GUEST]   let the program use the host folder HOST, seen as GUEST (default: the same
                                path); repeat for more folders. Without it the program sees no files.
          --env NAME[=VALUE]    give the program the environment variable NAME (VALUE, or the host's own
                                value when omitted); repeat for more. Without it the environment is empty.
          --invoke NAME         call the export NAME instead of running _start
          --allow-precompiled   FILE may be a precompiled module (made by heron compile): it runs
                                without compiling anything
          -W OPTION=VALUE       limits and behaviour of the WebAssembly run (Wasmtime's -W); repeatable:
            fuel=N                 trap ("all fuel consumed") after N units of fuel (about one per instruction)
            timeout=DURATION       trap ("interrupt") after DURATION of running: 2s, 500ms, 1m
            max-memory-size=BYTES  no linear memory may grow past BYTES (memory.grow then returns -1)
            unknown-imports-trap=y imports nothing defines become functions that trap when called
            unknown-imports-default=y  imports nothing defines become functions returning zeros
            threads=y              the threads proposal: shared memories, atomics, wait/notify
          -S OPTION=VALUE       WASI options (Wasmtime's -S); repeatable:
            threads=y              wasi-threads: wasi::thread-spawn runs wasi_thread_start on a new thread
                                   (needs -W threads=y); a thread's proc_exit or trap ends the program
            inherit-network=y      components may bind and connect sockets (wasi:sockets; denied by default)
            allow-ip-name-lookup=y components may resolve host names (denied by default)
            tcp=n, udp=n           components may not even create TCP or UDP sockets (allowed by default)
          -C OPTION=VALUE       how the module is compiled; repeatable:
            compile=auto|ahead|lazy  when functions are compiled: ahead, on first call (lazy), or by
                                   module size (auto, the default: lazily for very large modules)
            tiered=y|n             .NET tiered JIT (y, the default): each function compiled quickly first and
                                   optimised once hot; n optimises every function fully before the run
            cache=y|n              keep compiled code between runs ($XDG_CACHE_HOME/heron or ~/.cache/heron):
                                   the first run compiles, later runs of the same module compile nothing
          -h, --help            show this help

        exit status: the program's exit code; 134 when it traps (as Wasmtime); 1 when it cannot be loaded; 2 for a
        wrong command line.
        """;

    /// <summary>The parsed options, or an error message.</summary>
    public static (RunOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var directories = new List<(string, string)>();
        var environment = new List<(string, string?)>();
        string? invoke = null;
        var allowPrecompiled = false;
        var settings = new List<string>();
        var codegen = new List<string>();
        var system = new List<string>();
        int i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") { i++; break; }
            if (!arg.StartsWith('-') || arg == "-") break;
            if (arg == "--allow-precompiled")
            {
                allowPrecompiled = true;
                continue;
            }
            if (!TryTakeValue(args, ref i, out var name, out var value)) return (null, $"option {arg} needs a value");
            switch (name)
            {
                case "--dir":
                    var split = value.IndexOf("::", StringComparison.Ordinal);
                    directories.Add(split < 0 ? (value, value) : (value[..split], value[(split + 2)..]));
                    break;
                case "--env":
                    var equals = value.IndexOf('=');
                    environment.Add(equals < 0 ? (value, null) : (value[..equals], value[(equals + 1)..]));
                    break;
                case "--invoke":
                    invoke = value;
                    break;
                case "-W":
                    settings.Add(value);
                    break;
                case "-C":
                    codegen.Add(value);
                    break;
                case "-S":
                    system.Add(value);
                    break;
                default:
                    return (null, $"unknown option {name}");
            }
        }
        if (i >= args.Count) return (null, "missing FILE");
        var options = new RunOptions { File = args[i], Invoke = invoke, AllowPrecompiled = allowPrecompiled };
        options.Arguments.AddRange(args.Skip(i + 1));
        options.Directories.AddRange(directories);
        options.Environment.AddRange(environment);
        foreach (var setting in settings)
        {
            var error = ApplySetting(options, setting);
            if (error != null) return (null, error);
        }
        foreach (var setting in codegen)
        {
            var error = CodegenSettings.Apply(options, setting);
            if (error != null) return (null, error);
        }
        foreach (var setting in system)
        {
            var error = ApplySystemSetting(options, setting);
            if (error != null) return (null, error);
        }
        if (options.WasiThreads && !options.WasmThreads) return (null, "-S threads=y needs -W threads=y (wasi-threads programs use shared memory)");
        return (options, null);
    }

    // Accepts "--dir X", "--dir=X", "-W X", "-WX", "-C X", "-CX", "-S X" and "-SX".
    private static bool TryTakeValue(IReadOnlyList<string> args, ref int i, out string name, out string value)
    {
        var arg = args[i];
        if ((arg.StartsWith("-W", StringComparison.Ordinal) || arg.StartsWith("-C", StringComparison.Ordinal) || arg.StartsWith("-S", StringComparison.Ordinal)) && arg.Length > 2)
        {
            name = arg[..2];
            value = arg[2..];
            return true;
        }
        var equals = arg.IndexOf('=');
        if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            name = arg[..equals];
            value = arg[(equals + 1)..];
            return true;
        }
        name = arg;
        value = "";
        if (i + 1 >= args.Count) return false;
        value = args[++i];
        return true;
    }

    private static string? ApplySetting(RunOptions options, string setting)
    {
        var (key, value) = SplitSetting(setting);
        switch (key)
        {
            case "fuel":
                if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var fuel)) return $"-W fuel: not a count: {value}";
                options.Fuel = fuel;
                return null;
            case "timeout":
                if (ParseDuration(value) is not { } timeout) return $"-W timeout: not a duration: {value} (examples: 2s, 500ms, 1m)";
                options.Timeout = timeout;
                return null;
            case "max-memory-size":
                if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) return $"-W max-memory-size: not a byte count: {value}";
                options.MaxMemorySize = bytes;
                return null;
            case "unknown-imports-trap":
                options.UnknownImportsTrap = ParseFlag(value);
                return null;
            case "unknown-imports-default":
                options.UnknownImportsDefault = ParseFlag(value);
                return null;
            case "threads":
                options.WasmThreads = ParseFlag(value);
                return null;
            default:
                return $"unknown -W option {key}";
        }
    }

    /// <summary>-S: WASI options, Wasmtime's spelling.</summary>
    private static string? ApplySystemSetting(RunOptions options, string setting)
    {
        var (key, value) = SplitSetting(setting);
        switch (key)
        {
            case "threads":
                options.WasiThreads = ParseFlag(value);
                return null;
            case "inherit-network":
                options.Network = options.Network with { InheritNetwork = ParseFlag(value) };
                return null;
            case "allow-ip-name-lookup":
                options.Network = options.Network with { AllowIpNameLookup = ParseFlag(value) };
                return null;
            case "tcp":
                options.Network = options.Network with { AllowTcp = ParseFlag(value) };
                return null;
            case "udp":
                options.Network = options.Network with { AllowUdp = ParseFlag(value) };
                return null;
            default:
                return $"unknown -S option {key}";
        }
    }

    /// <summary>"key=value" as (key, value); a bare "key" means "key=y".</summary>
    internal static (string Key, string Value) SplitSetting(string setting)
    {
        var equals = setting.IndexOf('=');
        return equals < 0 ? (setting, "y") : (setting[..equals], setting[(equals + 1)..]);
    }

    internal static bool ParseFlag(string value) => value is "y" or "yes" or "true" or "1" or "";

    /// <summary>"2s", "500ms", "1m", "1.5s", "100us", "10ns", or a bare number of seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        (string Suffix, double Seconds)[] units = [("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = text[..^suffix.Length];
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? TimeSpan.FromSeconds(n * seconds) : null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0
            ? TimeSpan.FromSeconds(plain) : null;
    }
}
