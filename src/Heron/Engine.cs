using Heron.Compilation;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// Compiles and configures: one per application is enough. Thread-safe; modules, stores and linkers of
/// one engine work together, and not with those of another engine.
/// </summary>
public sealed class Engine
{
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

    internal SignatureRegistry Signatures { get; } = new();

    internal StubFactory Stubs { get; }
}
