using System.Diagnostics;
using System.Text.Json;

namespace Heron.Fuzz.Generation;

/// <summary>
/// binaryen's wasm-opt from its npm package (version 132: try_table, multiple memories and the final encodings
/// of typed references, which Debian's binaryen 108 lacks), run by binaryen-server.js in one long-lived node
/// process: starting that build once per module would cost a second or two each.
/// </summary>
internal sealed class BinaryenServer : IDisposable
{
    /// <summary>The version tools/fuzz.sh and .ci/run install.</summary>
    public const string Version = "132.0.0";

    private static readonly Lazy<BinaryenServer?> Shared = new(Start);

    private readonly Process process;

    private BinaryenServer(Process process) => this.process = process;

    /// <summary>The shared server, or null when node or the npm package is missing.</summary>
    public static BinaryenServer? Instance => Shared.Value;

    /// <summary>Where the npm package's wasm-opt launcher is: $HERON_BINARYEN_JS, else the cache tools/fuzz.sh installs into.</summary>
    public static string LauncherPath =>
        Environment.GetEnvironmentVariable("HERON_BINARYEN_JS") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "heron-fuzz",
                $"binaryen-{Version}", "node_modules", "binaryen", "bin", "wasm-opt");

    /// <summary>Runs wasm-opt with <paramref name="arguments"/>; returns its exit status and what it printed as errors.</summary>
    public (int Status, string Errors) Run(IReadOnlyList<string> arguments)
    {
        lock (process)
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(arguments));
            process.StandardInput.Flush();
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("binaryen-server.js ended");
            using var reply = JsonDocument.Parse(line);
            return (reply.RootElement.GetProperty("status").GetInt32(), reply.RootElement.GetProperty("errors").GetString() ?? "");
        }
    }

    private static BinaryenServer? Start()
    {
        var launcher = LauncherPath;
        var script = Path.Combine(AppContext.BaseDirectory, "binaryen-server.js");
        if (!File.Exists(launcher) || !File.Exists(script)) return null;
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(launcher);
        try
        {
            var process = Process.Start(info)!;
            // Messages wasm-opt writes to the real stderr are not needed: drain them so the pipe never fills.
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var server = new BinaryenServer(process);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return server;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(2000)) process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
