using Heron.Components;
using Heron.Wasi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Heron.Http;

/// <summary>
/// Serves HTTP requests with a <c>wasi:http/proxy</c> component, as <c>wasmtime serve</c> does: the
/// component is compiled once, and each request gets a fresh instance in a store of its own (so requests
/// share nothing and run concurrently), with the request's limits. A trap answers 500 (or aborts a response
/// already under way) and is logged with its WebAssembly backtrace.
/// </summary>
public sealed class WasiHttpHandler : IDisposable
{
    /// <summary>How often the epoch advances for <see cref="WasiHttpOptions.Timeout"/>: the timeout's resolution.</summary>
    private static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private readonly WasiHttpOptions options;
    private readonly SemaphoreSlim turns;
    private readonly Timer? epochTimer;
    private readonly ulong epochDeadline;

    /// <summary>
    /// A handler for <paramref name="component"/>. Its engine must have been made from
    /// <see cref="WasiHttpOptions.CreateEngineConfig"/> when the options set fuel or a timeout.
    /// </summary>
    public WasiHttpHandler(Component component, WasiHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        this.options = options ?? new WasiHttpOptions();
        Component = component;
        if (this.options.MaxConcurrentRequests < 1) throw new ArgumentException("MaxConcurrentRequests must be at least 1", nameof(options));
        turns = new SemaphoreSlim(this.options.MaxConcurrentRequests);
        var config = component.Engine.Config;
        if (this.options.Fuel != null && !config.ConsumeFuel)
            throw new ArgumentException("the options set fuel, but the component's engine does not consume fuel (make it from WasiHttpOptions.CreateEngineConfig())", nameof(options));
        if (this.options.Timeout is { } timeout)
        {
            if (!config.EpochInterruption)
                throw new ArgumentException("the options set a timeout, but the component's engine has no epoch interruption (make it from WasiHttpOptions.CreateEngineConfig())", nameof(options));
            epochDeadline = (ulong)Math.Ceiling(timeout / EpochTick) + 1;
            var engine = component.Engine;
            epochTimer = new Timer(_ => engine.IncrementEpoch(), null, EpochTick, EpochTick);
        }
    }

    /// <summary>The component served.</summary>
    public Component Component { get; }

    /// <summary>Loads and compiles the component at <paramref name="path"/> (a <c>.wasm</c> or <c>.wat</c> file) with an engine fit for the options.</summary>
    public static WasiHttpHandler FromFile(string path, WasiHttpOptions? options = null)
    {
        options ??= new WasiHttpOptions();
        var engine = new Engine(options.CreateEngineConfig());
        return new WasiHttpHandler(Component.FromFile(engine, path), options);
    }

    /// <summary>Answers one request: instantiates the component and calls its <c>wasi:http/incoming-handler.handle</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await turns.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            Serve(context);
        }
        finally
        {
            turns.Release();
        }
    }

    private void Serve(HttpContext context)
    {
        // The guest reads and writes bodies synchronously (wasi:http 0.2 calls are synchronous), on the
        // thread the request runs on.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        var exchange = new ServerExchange(context);
        try
        {
            Run(context, exchange);
        }
        catch (TrapException trap)
        {
            Logger(context).LogError("wasi:http: the component trapped serving {Method} {Path}: {Trap}", context.Request.Method, context.Request.Path, trap.Message);
            Fail(context, exchange);
            return;
        }
        catch (WasmException failure)
        {
            Logger(context).LogError("wasi:http: the component could not serve {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, failure.Message);
            Fail(context, exchange);
            return;
        }
        Complete(context, exchange);
    }

    private void Run(HttpContext context, ServerExchange exchange)
    {
        using var wasi = options.Wasi.Build();
        var linker = new ComponentLinker(Component.Engine);
        var scope = new HttpScope(WasiPreview2.Define(linker, wasi), options.AllowOutgoingRequests);
        HttpTypesInterface.Define(linker, scope);
        OutgoingHandlerInterface.Define(linker, scope);

        using var store = new Store(Component.Engine);
        if (options.Fuel is { } fuel) store.SetFuel(fuel);
        if (options.MaxMemorySize is { } memory) store.SetLimits(memorySize: memory);
        if (options.Timeout != null) store.SetEpochDeadline(epochDeadline);

        var instance = linker.Instantiate(store, Component);
        var handle = FindHandle(instance) ?? throw new WasmException("the component exports no wasi:http/incoming-handler@0.2.x handle function");
        var request = IncomingRequestReader.Read(context, scope);
        handle.Invoke(scope.IncomingRequests.New(request), scope.ResponseOutparams.New(new ResponseOutparam(exchange)));
    }

    /// <summary>After <c>handle</c> returned: a response never set or set to an error is a 500; a body left unfinished is cut off.</summary>
    private static void Complete(HttpContext context, ServerExchange exchange)
    {
        if (!exchange.IsSet)
        {
            Logger(context).LogError("wasi:http: the component returned without setting a response for {Method} {Path}", context.Request.Method, context.Request.Path);
            Fail(context, exchange);
            return;
        }
        if (exchange.Error is { } error)
        {
            Logger(context).LogError("wasi:http: the component answered {Method} {Path} with the error {ErrorCode}", context.Request.Method, context.Request.Path, error);
            Fail(context, exchange);
            return;
        }
        var sink = exchange.Response!.Sink;
        if (sink.Failure is { } failure || (exchange.Response.BodyTaken && !sink.Finished))
        {
            Logger(context).LogError("wasi:http: the response body for {Method} {Path} is incomplete{Reason}", context.Request.Method, context.Request.Path,
                sink.Failure is { } f ? $": {f}" : " (the component did not finish it)");
            Fail(context, exchange);
        }
    }

    /// <summary>A 500 when nothing was sent yet; once the response has started, only aborting the connection tells the client.</summary>
    private static void Fail(HttpContext context, ServerExchange exchange)
    {
        if (exchange.Response?.Sink.Started == true || context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
    }

    /// <summary>The <c>handle</c> function of a <c>wasi:http/incoming-handler@0.2.x</c> export, whatever its patch version.</summary>
    internal static ComponentFunction? FindHandle(ComponentInstance instance)
    {
        foreach (var name in instance.ExportNames)
            if (IsIncomingHandler(name) && instance.GetInstance(name)?.GetFunction("handle") is { } handle) return handle;
        return null;
    }

    private static bool IsIncomingHandler(string name) =>
        name == "wasi:http/incoming-handler@0.2.0" || name.StartsWith("wasi:http/incoming-handler@0.2.", StringComparison.Ordinal);

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Heron.Http.WasiHttp") ?? NullLogger.Instance;

    /// <summary>Stops the epoch clock that enforces the timeout.</summary>
    public void Dispose()
    {
        epochTimer?.Dispose();
        turns.Dispose();
    }
}
