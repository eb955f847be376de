using System.Net;

namespace Heron.HttpLoad;

/// <summary>
/// The reference server: a plain ASP.NET Core endpoint giving the answers examples/http-hello gives
/// ("hello from PATH " and the body of a POST), so the load measures the same exchange without WebAssembly.
/// </summary>
internal static class PlainServer
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !IPEndPoint.TryParse(args[0], out var endpoint)) 
        {
            Console.Error.WriteLine("usage: HttpLoad plain HOST:PORT");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        app.Map("/{**path}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = context.Request.Method == "POST" ? await reader.ReadToEndAsync() : "";
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"hello from {context.Request.Path} {body}");
        });
        Console.WriteLine($"Serving HTTP on http://{endpoint}/ (plain ASP.NET Core)");
        app.Run();
        return 0;
    }
}
