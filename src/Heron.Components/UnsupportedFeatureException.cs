namespace Heron.Components;

/// <summary>
/// A component uses a part of the component model Heron does not implement yet (the asynchronous ABI of
/// WASI 0.3: async functions, streams, futures, waitable sets, error contexts, threads; map types; 64-bit
/// canonical memories; the gated value and start definitions): raised when it is loaded, naming what it
/// needs and where. It is not a judgement on the component's validity.
/// </summary>
public sealed class UnsupportedFeatureException(string feature, long offset = -1)
    : WasmException($"not supported: {feature}" + (offset >= 0 ? $" (at byte offset 0x{offset:x})" : ""))
{
    /// <summary>What the component needs, as the component model names it (for example <c>canon stream.new</c>).</summary>
    public string Feature { get; } = feature;

    /// <summary>The byte offset of the definition that needs it, or -1.</summary>
    public long Offset { get; } = offset;
}
