using System.Diagnostics;
using Heron.Http;

namespace Heron.HttpLoad;

/// <summary>
/// What one request costs inside the process, without a network: WasiHttpHandler answers N requests made
/// as DefaultHttpContexts, one after another; the second half is measured (the first compiles what the
/// requests run). Reports CPU time of the whole process (GC included), wall time and bytes allocated per
/// request, and the split between instantiating and handling.
/// </summary>
internal static class RequestCost
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: HttpLoad cost COMPONENT [REQUESTS]");
            return 2;
        }
        int requests = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400;
        var clock = Stopwatch.StartNew();
        using var handler = WasiHttpHandler.FromFile(args[0]);
        Console.WriteLine($"{args[0]}: loaded in {clock.Elapsed.TotalMilliseconds:F0} ms");
        var process = Process.GetCurrentProcess();
        TimeSpan cpu = TimeSpan.Zero;
        double wall = 0;
        long allocated = 0;
        int measured = requests - requests / 2, failures = 0;
        for (int i = 0; i < requests; i++)
        {
            if (i == requests / 2)
            {
                process.Refresh();
                cpu = process.TotalProcessorTime;
                allocated = GC.GetTotalAllocatedBytes();
            }
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            context.Request.Path = $"/r{i}";
            context.Response.Body = new MemoryStream();
            long start = Stopwatch.GetTimestamp();
            await handler.HandleAsync(context);
            if (i >= requests / 2) wall += Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (context.Response.StatusCode != 200) failures++;
        }
        process.Refresh();
        Console.WriteLine($"{measured} requests measured (of {requests}), {failures} not answered 200");
        Console.WriteLine($"per request: {(process.TotalProcessorTime - cpu).TotalMicroseconds / measured:F0} us CPU, {wall / measured:F0} us wall, {(GC.GetTotalAllocatedBytes() - allocated) / measured / 1024} KiB allocated");
        return failures == 0 ? 0 : 1;
    }
}
