using Heron.Wasi;

namespace Heron.Http;

/// <summary>
/// How a wasi:http component serves requests: the limits each request's instance runs under and what it may
/// reach beyond its request. The defaults are Wasmtime's <c>serve</c> defaults, except that outgoing
/// requests are refused until <see cref="AllowOutgoingRequests"/> allows them.
/// </summary>
public sealed class WasiHttpOptions
{
    /// <summary>Fuel each request may burn (about one unit per instruction); null for no limit.</summary>
    public ulong? Fuel { get; set; }

    /// <summary>How long one request may run inside the component before it traps; null for no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>No linear memory of a request's instance may grow past this many bytes; null for no limit.</summary>
    public long? MaxMemorySize { get; set; }

    /// <summary>
    /// How many requests run inside the component at once; the others wait (without holding a thread) for
    /// a turn. A guest runs on its thread until it answers, so more than the machine's cores only adds
    /// live instances; the default is one per core (raise it for guests that mostly wait on outgoing requests or clocks).
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether <c>wasi:http/outgoing-handler</c> sends requests (otherwise each answers <c>HTTP-request-denied</c>).</summary>
    public bool AllowOutgoingRequests { get; set; }

    /// <summary>
    /// The WASI the component sees besides wasi:http (environment, preopened folders, standard streams),
    /// built afresh for each request. By default: nothing but the host's standard output and error.
    /// </summary>
    public WasiConfiguration Wasi { get; set; } = new WasiConfiguration().WithStandardOutput(Console.OpenStandardOutput()).WithStandardError(Console.OpenStandardError());

    /// <summary>
    /// The engine settings these options need (fuel and epoch checks compiled in only when a limit asks for
    /// them); components served with fuel or a timeout must be compiled by an engine made from them.
    /// </summary>
    public EngineConfig CreateEngineConfig() => new()
    {
        ConsumeFuel = Fuel != null,
        EpochInterruption = Timeout != null,
        Features = WasmFeatures.Wasm3,
    };
}
