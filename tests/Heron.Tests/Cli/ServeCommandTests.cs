using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Heron.Cli;

namespace Heron.Tests.Cli;

public sealed class ServeCommandTests
{
    private static string EchoComponent => Path.Combine(HeronProcess.RepositoryRoot, "tests", "Heron.Http.Tests", "Components", "echo.wat");

    [Fact]
    public void BadOptionsAreUsageErrors()
    {
        Assert.Equal(2, ServeCommand.Run(["--addr", "nowhere", EchoComponent], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, ServeCommand.Run(["--concurrency", "0", EchoComponent], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, ServeCommand.Run([EchoComponent, "extra"], TextWriter.Null, TextWriter.Null));
        var error = new StringWriter();
        Assert.Equal(1, ServeCommand.Run(["--addr", "127.0.0.1:1", "missing.wasm"], TextWriter.Null, error));
        Assert.Contains("missing.wasm", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesUntilInterruptedThenStopsCleanly()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "heron.dll"), "serve", "--addr", $"127.0.0.1:{port}", "-S", "http=n", EchoComponent })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.StartsWith($"Serving HTTP on http://127.0.0.1:{port}/", banner, StringComparison.Ordinal);
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            Assert.Equal("/hello", await client.GetStringAsync($"http://127.0.0.1:{port}/hello"));
            using var denied = await client.GetAsync($"http://127.0.0.1:{port}/o");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

            // Ctrl-C: the server stops and the command returns 0.
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
