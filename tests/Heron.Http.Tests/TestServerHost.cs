using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Heron.Http.Tests;

/// <summary>
/// A Kestrel server on a free loopback port, in the test's process, with the routes a test maps; its log
/// lines are kept so a test can check what the server logged.
/// </summary>
internal sealed class TestServerHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestServerHost(WebApplication app, Uri address, LogSink log)
    {
        this.app = app;
        Address = address;
        Log = log;
    }

    public Uri Address { get; }

    public LogSink Log { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<TestServerHost> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var log = new LogSink();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServerHost(app, new Uri(address), log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Keeps every log line, for the tests to read.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (sink.lines) sink.lines.Add(formatter(state, exception));
        }
    }
}
