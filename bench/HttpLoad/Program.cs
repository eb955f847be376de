using Heron.HttpLoad;

// HttpLoad load URL [--connections N] [--requests N] [--expect TEMPLATE] [--post BODY]
// HttpLoad plain HOST:PORT      (the reference: a plain ASP.NET Core endpoint answering like the example)
// HttpLoad cost COMPONENT [N]   (per-request cost inside the process, no network)
return args.Length > 0 && args[0] == "plain" ? PlainServer.Run(args[1..])
    : args.Length > 0 && args[0] == "load" ? await LoadRun.RunAsync(args[1..])
    : args.Length > 0 && args[0] == "cost" ? await RequestCost.RunAsync(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage: HttpLoad load URL [--connections N] [--requests N] [--expect TEMPLATE] [--post BODY] [--warmup N]
               HttpLoad plain HOST:PORT
               HttpLoad cost COMPONENT [REQUESTS]
        load: N requests (default 20000) over N connections (default 64) to URL + "/r<i>", each body compared
        with TEMPLATE ("{path}" stands for the request's path); prints errors, throughput and p50/p99 latency.
        plain: serves what examples/http-hello answers, from a plain ASP.NET Core endpoint (the reference).
        cost: CPU, wall time and allocation of one request answered by a component, in process, no network.
        """);
    return 2;
}
