using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Heron.Tests.Cli;

/// <summary>
/// <c>heron run</c> of tcp-send-command.wat, a WASI 0.2 command that connects to a host listener through
/// wasi:sockets: the <c>-S inherit-network</c> grant decides whether its bytes arrive.
/// </summary>
public sealed class SocketCommandTests
{
    private static string CommandFile()
    {
        var text = File.ReadAllText(Path.Combine(HeronProcess.RepositoryRoot, "tests", "Heron.Tests", "Cli", "tcp-send-command.wat"));
        var path = Path.Combine(Path.GetTempPath(), $"heron-tcp-send-{Guid.NewGuid():N}.component.wasm");
        File.WriteAllBytes(path, Heron.Components.Text.ComponentText.Parse(text));
        return path;
    }

    [Fact]
    public async Task With_inherit_network_the_command_reaches_a_host_listener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync();
        });
        var file = CommandFile();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = HeronProcess.Run(HeronProcess.RepositoryRoot, "run", "-S", "inherit-network=y", file, port);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal("hello from a component", await received.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_the_grant_the_command_fails_to_connect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var file = CommandFile();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, HeronProcess.Run(HeronProcess.RepositoryRoot, "run", file, port).ExitCode);
            Assert.False(listener.Pending());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
