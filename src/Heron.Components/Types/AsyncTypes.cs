namespace Heron.Components;

/// <summary>
/// stream&lt;T&gt; (or a stream without values): a handle to the readable or writable end of a stream of the
/// asynchronous ABI. Heron validates components that use it; running them is not implemented yet.
/// </summary>
public sealed class StreamType(ComponentValueType? element) : ComponentValueType
{
    public ComponentValueType? Element { get; } = element;

    public override string ToString() => Element is { } e ? $"stream<{e}>" : "stream";
}

/// <summary>future&lt;T&gt; (or a future without a value): a handle to one end of a future of the asynchronous ABI.</summary>
public sealed class FutureType(ComponentValueType? element) : ComponentValueType
{
    public ComponentValueType? Element { get; } = element;

    public override string ToString() => Element is { } e ? $"future<{e}>" : "future";
}
