using System.Diagnostics;
using System.Net;
using Heron.Components;
using Heron.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Heron.Cli;

/// <summary>
/// <c>heron serve [--addr HOST:PORT] [OPTIONS] COMPONENT</c>: serves a <c>wasi:http/proxy</c> component
/// on Kestrel, a fresh instance per request, as <c>wasmtime serve</c> does. The options are <c>heron run</c>'s
/// (<c>-W</c> limits apply to each request), plus <c>--addr</c> and <c>-S http</c>, which lets the component
/// send requests of its own.
/// </summary>
internal static class ServeCommand
{
    public const string Usage = """
        usage: heron serve [--addr HOST:PORT] [OPTIONS] COMPONENT

        Serves HTTP with COMPONENT, a wasi:http/proxy component (its wasi:http/incoming-handler export):
        compiled once, a fresh instance for each request, requests in parallel. A trap answers 500 and is
        logged with its backtrace. Ctrl-C stops the server after the requests under way are answered.

        options:
          --addr HOST:PORT      where to listen (default 0.0.0.0:8080); HOST may be an IP address or localhost
          --concurrency N       requests running inside the component at once (default: one per core); the
                                others wait their turn
          -S http=y             the component may send HTTP requests (wasi:http/outgoing-handler); without it
                                each one answers HTTP-request-denied
          -W fuel=N, -W timeout=DURATION, -W max-memory-size=BYTES
                                limits of each request (see heron run --help)
          --dir, --env, -S, -C  as for heron run (the environment and folders each request's instance sees)
          -h, --help            show this help
        """;

    private static readonly string[] DefaultAddress = ["0.0.0.0", "8080"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 0 && args[0] is "--help" or "-h")
        {
            output.WriteLine(Usage);
            return 0;
        }
        var (address, allowOutgoing, concurrency, rest, serveError) = TakeServeOptions(args);
        if (serveError != null) return UsageError(serveError, error);
        var (options, usageError) = RunOptionsParser.Parse(rest);
        if (options == null) return UsageError(usageError!, error);
        if (options.Arguments.Count > 0) return UsageError($"unexpected arguments after {options.File}: {string.Join(' ', options.Arguments)}", error);
        if (options.Invoke != null || options.WasiThreads || options.WasmThreads)
            return UsageError("--invoke and threads are heron run's: a served component answers requests through wasi:http/incoming-handler", error);
        if (!TryParseAddress(address, out var endpoint)) return UsageError($"--addr: not HOST:PORT: {address}", error);

        var started = Stopwatch.StartNew();
        WasiHttpHandler handler;
        try
        {
            var engine = new Engine(CodegenSettings.ToConfig(options));
            var component = Component.FromFile(engine, options.File);
            handler = new WasiHttpHandler(component, new WasiHttpOptions
            {
                Fuel = options.Fuel,
                Timeout = options.Timeout,
                MaxMemorySize = options.MaxMemorySize is { } max ? (long)Math.Min(max, long.MaxValue) : null,
                AllowOutgoingRequests = allowOutgoing,
                MaxConcurrentRequests = concurrency ?? Environment.ProcessorCount,
                Wasi = RunCommand.BuildWasi(options),
            });
        }
        catch (Exception failure) when (failure is WasmException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"heron serve: {options.File}: {failure.Message}");
            return 1;
        }
        using (handler)
        {
            var compiled = started.Elapsed;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint));
            var app = builder.Build();
            app.MapWasiHttp("/", handler);
            try
            {
                app.Start();
            }
            catch (IOException failure)
            {
                error.WriteLine($"heron serve: cannot listen on {address}: {failure.Message}");
                return 1;
            }
            output.WriteLine($"Serving HTTP on http://{endpoint}/ ({options.File} loaded in {compiled.TotalMilliseconds:F0} ms)");
            // Ctrl-C (or SIGTERM) stops accepting, lets the requests under way finish, then returns.
            app.WaitForShutdown();
        }
        return 0;
    }

    /// <summary>Takes <c>--addr</c> and <c>-S http</c> (serve's own) out of the options before COMPONENT; the rest are run's.</summary>
    private static (string Address, bool AllowOutgoing, int? Concurrency, List<string> Remaining, string? Error) TakeServeOptions(IReadOnlyList<string> args)
    {
        string address = string.Join(':', DefaultAddress);
        bool allowOutgoing = false;
        int? concurrency = null;
        var rest = new List<string>();
        int i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--" || !arg.StartsWith('-')) break;
            if (arg == "--addr")
            {
                if (i + 1 >= args.Count) return (address, allowOutgoing, concurrency, rest, "option --addr needs a value");
                address = args[++i];
                continue;
            }
            if (arg.StartsWith("--addr=", StringComparison.Ordinal))
            {
                address = arg["--addr=".Length..];
                continue;
            }
            if (arg == "--concurrency" || arg.StartsWith("--concurrency=", StringComparison.Ordinal))
            {
                var text = arg == "--concurrency" ? (i + 1 < args.Count ? args[++i] : "") : arg["--concurrency=".Length..];
                if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
                    return (address, allowOutgoing, concurrency, rest, $"--concurrency: not a positive count: {text}");
                concurrency = n;
                continue;
            }
            string? setting = arg == "-S" && i + 1 < args.Count ? args[i + 1] : arg.StartsWith("-S", StringComparison.Ordinal) && arg.Length > 2 ? arg[2..] : null;
            if (setting != null && RunOptionsParser.SplitSetting(setting) is ("http", var value))
            {
                allowOutgoing = RunOptionsParser.ParseFlag(value);
                if (arg == "-S") i++;
                continue;
            }
            rest.Add(arg);
            // The value of a two-word option travels with it.
            if (arg is "-S" or "-W" or "-C" or "--dir" or "--env" or "--invoke" && i + 1 < args.Count) rest.Add(args[++i]);
        }
        rest.AddRange(args.Skip(i));
        return (address, allowOutgoing, concurrency, rest, null);
    }

    private static bool TryParseAddress(string text, out IPEndPoint endpoint)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] == "localhost" && int.TryParse(text[(colon + 1)..], out var port) && port is > 0 and <= 65535)
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }
        return IPEndPoint.TryParse(text, out endpoint!) && endpoint.Port != 0;
    }

    private static int UsageError(string message, TextWriter error)
    {
        error.WriteLine($"heron serve: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
