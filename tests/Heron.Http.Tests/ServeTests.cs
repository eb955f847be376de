using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Heron.Http.Tests;

public class ServeTests
{
    [Fact]
    public async Task EchoesPathHeadersAndBody()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/echo?q=1")) { Content = new StringContent(" and a body") };
        request.Headers.Add("x-in", "fish");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/echo?q=1 and a body", await response.Content.ReadAsStringAsync());
        Assert.Equal("/echo?q=1", Assert.Single(response.Headers.GetValues("x-path")));
        Assert.Equal("fish", Assert.Single(response.Headers.GetValues("x-out")));
    }

    [Fact]
    public async Task StreamsALargeRequestBodyThroughTheGuest()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        var body = new byte[3 << 20];
        new Random(7).NextBytes(body);
        using var response = await server.Client.PostAsync(new Uri(server.Address, "/big"), new StreamContent(new MemoryStream(body)));
        var answer = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/big"u8.ToArray(), answer[..4]);
        Assert.True(body.AsSpan().SequenceEqual(answer.AsSpan(4)), "the body came back changed");
    }

    [Fact]
    public async Task EachRequestGetsAFreshInstanceAndRequestsRunConcurrently()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        // The guest's bump allocator never frees: were an instance reused, later answers would differ.
        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => server.Client.GetStringAsync(new Uri(server.Address, $"/r{i}"))));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => $"/r{i}"), answers);
    }

    [Fact]
    public async Task ATrapAnswers500AndIsLoggedWithItsBacktrace()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        using var response = await server.Client.GetAsync(new Uri(server.Address, "/trap"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(server.Log.Lines, l => l.Contains("trapped", StringComparison.Ordinal));
        Assert.Contains("unreachable", line, StringComparison.Ordinal);
        Assert.Contains("wasm backtrace:", line, StringComparison.Ordinal);
        // The server lives on: the next request is answered.
        Assert.Equal("/after", await server.Client.GetStringAsync(new Uri(server.Address, "/after")));
    }

    [Fact]
    public async Task AGuestThatNeverAnswersGets500()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        using var response = await server.Client.GetAsync(new Uri(server.Address, "/never"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(server.Log.Lines, l => l.Contains("without setting a response", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FuelEndsASpinningRequest()
    {
        using var handler = EchoComponent.Handler(new WasiHttpOptions { Fuel = 1_000_000 });
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        using var response = await server.Client.GetAsync(new Uri(server.Address, "/spin"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(server.Log.Lines, l => l.Contains("fuel", StringComparison.Ordinal));
        // Fuel is per request: an ordinary request still has all of its own.
        Assert.Equal("/fine", await server.Client.GetStringAsync(new Uri(server.Address, "/fine")));
    }

    [Fact]
    public async Task ATimeoutEndsASpinningRequest()
    {
        using var handler = EchoComponent.Handler(new WasiHttpOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        using var response = await server.Client.GetAsync(new Uri(server.Address, "/spin"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(server.Log.Lines, l => l.Contains("interrupt", StringComparison.Ordinal));
        Assert.Equal("/fine", await server.Client.GetStringAsync(new Uri(server.Address, "/fine")));
    }

    [Fact]
    public async Task MaxMemorySizeRefusesGrowth()
    {
        using var limited = EchoComponent.Handler(new WasiHttpOptions { MaxMemorySize = 1 << 20 });
        using var unlimited = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app =>
        {
            app.MapWasiHttp("/m-limited", limited);
            app.MapWasiHttp("/m", unlimited);
        });
        using var refused = await server.Client.GetAsync(new Uri(server.Address, "/m-limited"));
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Equal("nogrow", await refused.Content.ReadAsStringAsync());
        using var grown = await server.Client.GetAsync(new Uri(server.Address, "/m"));
        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.Equal("grew", await grown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OutgoingRequestsAreDeniedUnlessAllowed()
    {
        await using var upstream = await TestServerHost.StartAsync(app => app.MapGet("/", () => Results.Text("up", statusCode: 201)));
        using var denied = EchoComponent.Handler();
        using var allowed = EchoComponent.Handler(new WasiHttpOptions { AllowOutgoingRequests = true });
        await using var server = await TestServerHost.StartAsync(app =>
        {
            app.MapWasiHttp("/o-denied", denied);
            app.MapWasiHttp("/o-allowed", allowed);
        });
        var target = upstream.Address.Authority;
        using var refusal = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/o-denied"));
        refusal.Headers.Add("x-target", target);
        using var refused = await server.Client.SendAsync(refusal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("denied", await refused.Content.ReadAsStringAsync());

        using var sending = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/o-allowed"));
        sending.Headers.Add("x-target", target);
        using var sent = await server.Client.SendAsync(sending);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("upstream", await sent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MapWasiHttpServesItsPrefixOnly()
    {
        using var handler = EchoComponent.Handler();
        await using var server = await TestServerHost.StartAsync(app =>
        {
            app.MapWasiHttp("/wasm", handler);
            app.MapGet("/dotnet", () => "from .NET");
        });
        Assert.Equal("/wasm/x", await server.Client.GetStringAsync(new Uri(server.Address, "/wasm/x")));
        Assert.Equal("/wasm", await server.Client.GetStringAsync(new Uri(server.Address, "/wasm")));
        Assert.Equal("from .NET", await server.Client.GetStringAsync(new Uri(server.Address, "/dotnet")));
        using var elsewhere = await server.Client.GetAsync(new Uri(server.Address, "/other"));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task RequestsBeyondTheConcurrencyLimitWaitTheirTurn()
    {
        // Two spinning requests, one at a time, each ended by a 300 ms timeout: together at least 600 ms.
        using var handler = EchoComponent.Handler(new WasiHttpOptions { Timeout = TimeSpan.FromMilliseconds(300), MaxConcurrentRequests = 1 });
        await using var server = await TestServerHost.StartAsync(app => app.MapWasiHttp("/", handler));
        await server.Client.GetAsync(new Uri(server.Address, "/fine"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(server.Client.GetAsync(new Uri(server.Address, "/spin")), server.Client.GetAsync(new Uri(server.Address, "/spin2")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.InternalServerError, a.StatusCode));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(580), $"both spun at once: {clock.Elapsed}");
        Assert.Throws<ArgumentException>(() => EchoComponent.Handler(new WasiHttpOptions { MaxConcurrentRequests = 0 }));
    }
}
