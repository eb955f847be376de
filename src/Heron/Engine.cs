using Heron.Compilation;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// Compiles and configures: one per application is enough. Thread-safe; modules, stores and linkers of
/// one engine work together, and not with those of another engine. Disposing it (as with Wasmtime's
/// <c>using var engine</c>) gives back the address space it keeps for reuse and refuses new modules,
/// stores and linkers; what already exists keeps working.
/// </summary>
public sealed class Engine : IDisposable
{
    private volatile bool disposed;

    /// <summary>An engine with the default configuration (WebAssembly 2.0).</summary>
    public Engine() : this(new EngineConfig())
    {
    }

    /// <summary>An engine with the given configuration.</summary>
    public Engine(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Stubs = new StubFactory(this);
    }

    /// <summary>The configuration.</summary>
    public EngineConfig Config { get; }

    /// <summary>
    /// Compiles a module (binary or text format) into a precompiled module: a .NET assembly holding the
    /// module and its compiled code, for <see cref="Module.Deserialize"/> in another process with an
    /// engine configured alike (Wasmtime's <c>Engine::precompile_module</c>). The code is CIL only;
    /// <c>heron compile</c> also adds ReadyToRun native code. Throws as <see cref="Module.FromBytes"/> does.
    /// </summary>
    public byte[] PrecompileModule(ReadOnlySpan<byte> module)
    {
        var bytes = module.ToArray();
        if (!(bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m'))
            bytes = Text.WatParser.ParseModule(System.Text.Encoding.UTF8.GetString(bytes), 1, 1, emitNames: true);
        return Precompiled.ModulePrecompiler.Compile(this, bytes);
    }

    /// <summary>
    /// The current epoch: starts at 0 and only moves forward through <see cref="IncrementEpoch"/>.
    /// </summary>
    public ulong CurrentEpoch => (ulong)Volatile.Read(ref Epoch.Value);

    /// <summary>
    /// Advances the epoch by one. Safe to call from any thread, for example a timer: WebAssembly of every
    /// store of this engine whose epoch deadline is reached traps with <see cref="TrapCode.Interrupt"/> at
    /// its next function entry or loop iteration (when <see cref="EngineConfig.EpochInterruption"/> is on).
    /// </summary>
    public void IncrementEpoch() => Interlocked.Increment(ref Epoch.Value);

    /// <summary>Unmaps the memory reservations kept for reuse; later modules, stores and linkers of this engine are refused.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Reservations.Close();
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the engine is disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    internal EpochCounter Epoch { get; } = new();

    internal SignatureRegistry Signatures { get; } = new();

    /// <summary>Address space of disposed memories, reused by the next instances' memories.</summary>
    internal ReservationPool Reservations { get; } = new();

    internal StubFactory Stubs { get; }

    private long compiledFunctions;

    /// <summary>How many function bodies this engine has compiled to CIL (ahead or lazily): what tests check laziness by.</summary>
    internal long CompiledFunctions => Interlocked.Read(ref compiledFunctions);

    internal void CountCompiled(int functions) => Interlocked.Add(ref compiledFunctions, functions);
}
