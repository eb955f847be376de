namespace Heron.Cli;

/// <summary>What <c>heron run</c> was asked to do, with Wasmtime's option spellings.</summary>
internal sealed class RunOptions
{
    public required string File { get; init; }

    /// <summary>Arguments after FILE: the guest's argv[1..], or the values passed to <see cref="Invoke"/>.</summary>
    public List<string> Arguments { get; } = new();

    /// <summary><c>--dir HOST[::GUEST]</c>, in order.</summary>
    public List<(string Host, string Guest)> Directories { get; } = new();

    /// <summary><c>--env NAME[=VALUE]</c>; a null value means "take it from the host's environment".</summary>
    public List<(string Name, string? Value)> Environment { get; } = new();

    public string? Invoke { get; set; }

    public ulong? Fuel { get; set; }

    public TimeSpan? Timeout { get; set; }

    public ulong? MaxMemorySize { get; set; }

    public bool UnknownImportsTrap { get; set; }

    public bool UnknownImportsDefault { get; set; }

    /// <summary><c>-W threads=y</c>: the threads proposal (shared memories, atomics).</summary>
    public bool WasmThreads { get; set; }

    /// <summary><c>-S threads=y</c>: wasi-threads (<c>wasi::thread-spawn</c>).</summary>
    public bool WasiThreads { get; set; }

    /// <summary><c>-S inherit-network</c>, <c>-S allow-ip-name-lookup</c>, <c>-S tcp</c>, <c>-S udp</c>: WASI 0.2 sockets.</summary>
    public Heron.Wasi.WasiNetworkPolicy Network { get; set; } = Heron.Wasi.WasiNetworkPolicy.Denied;

    /// <summary><c>-C compile=auto|ahead|lazy</c>.</summary>
    public CompileStrategy Strategy { get; set; } = CompileStrategy.Auto;

    /// <summary><c>--allow-precompiled</c>: FILE may be a precompiled module (<c>heron compile</c>'s output).</summary>
    public bool AllowPrecompiled { get; set; }

    /// <summary><c>-C cache=y|n</c>: keep compiled code between runs (<see cref="CompiledCodeCache"/>).</summary>
    public bool Cache { get; set; }

    /// <summary>
    /// <c>-C tiered=y|n</c>: <see cref="EngineConfig.TieredJit"/>. On by default: the process runs one
    /// program and ends, so its code never needs unloading, and tiering halves what the JIT costs before
    /// and during the run (docs/performance.md, "Session 8").
    /// </summary>
    public bool Tiered { get; set; } = true;
}
