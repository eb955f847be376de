using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Heron.HttpLoad;

/// <summary>
/// A closed-loop load: a fixed number of connections, each sending its next request when the last one is
/// answered, until the request count is reached. Every answer must be 200 with the expected body; latency
/// is measured per request, from send to the body read in full.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0) return Fail("missing URL");
        var url = args[0].TrimEnd('/');
        int connections = 64, requests = 20_000, warmup = 200;
        string expect = "hello from {path} ";
        string? post = null;
        for (int i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length) return Fail($"option {args[i]} needs a value");
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--connections": connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--expect": expect = value; break;
                case "--post": post = value; break;
                default: return Fail($"unknown option {args[i - 1]}");
            }
        }

        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromSeconds(60) };

        // Warm-up: the servers compile on first use (JIT, lazily compiled wasm); not counted.
        var warm = await Drive(client, url, Math.Min(connections, Math.Max(warmup, 1)), warmup, expect, post, offset: 1_000_000);
        var run = await Drive(client, url, connections, requests, expect, post, offset: 0);
        var sorted = run.Latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"{requests} requests over {connections} connections to {url} (after {warmup} warm-up requests, {warm.Errors} failed)");
        Console.WriteLine($"errors: {run.Errors} (wrong status or transport), wrong bodies: {run.WrongBodies}");
        Console.WriteLine($"time: {run.Elapsed.TotalSeconds:F2} s, throughput: {requests / run.Elapsed.TotalSeconds:F0} requests/s");
        Console.WriteLine($"latency: p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, max {P(1.0):F2} ms");
        if (run.FirstFailure != null) Console.WriteLine($"first failure: {run.FirstFailure}");
        return run.Errors == 0 && run.WrongBodies == 0 ? 0 : 1;
    }

    private sealed record Result(TimeSpan Elapsed, long[] Latencies, int Errors, int WrongBodies, string? FirstFailure);

    private static async Task<Result> Drive(HttpClient client, string url, int connections, int requests, string expect, string? post, int offset)
    {
        var latencies = new long[requests];
        int next = -1, errors = 0, wrong = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var path = $"/r{index + offset}";
                var expected = expect.Replace("{path}", path, StringComparison.Ordinal) + (post ?? "");
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using var message = new HttpRequestMessage(post == null ? HttpMethod.Get : HttpMethod.Post, url + path);
                    if (post != null) message.Content = new StringContent(post);
                    using var response = await client.SendAsync(message);
                    var body = await response.Content.ReadAsStringAsync();
                    latencies[index] = Stopwatch.GetTimestamp() - start;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstFailure, $"{path}: status {(int)response.StatusCode}", null);
                    }
                    else if (body != expected)
                    {
                        Interlocked.Increment(ref wrong);
                        Interlocked.CompareExchange(ref firstFailure, $"{path}: body {body}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    latencies[index] = Stopwatch.GetTimestamp() - start;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstFailure, $"{path}: {e.Message}", null);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new Result(clock.Elapsed, latencies, errors, wrong, firstFailure);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"HttpLoad load: {message}");
        return 2;
    }
}
