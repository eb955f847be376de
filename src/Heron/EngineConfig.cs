namespace Heron;

/// <summary>How an <see cref="Engine"/> compiles and runs modules.</summary>
public sealed class EngineConfig
{
    /// <summary>The WebAssembly features modules may use; 2.0 by default.</summary>
    public WasmFeatures Features { get; init; } = WasmFeatures.Wasm2;

    /// <summary>
    /// The most machine stack, in bytes, WebAssembly code may use per entry from the host before it traps
    /// with "call stack exhausted"; always clamped to what the thread's stack really has left.
    /// </summary>
    public int MaxWasmStack { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether the .NET JIT may inline small WebAssembly functions into their callers (faster calls).
    /// Inlined functions do not appear in a <see cref="TrapException.Backtrace"/>; turn this off for
    /// complete backtraces. On by default.
    /// </summary>
    public bool InlineFunctions { get; init; } = true;
}
