namespace Heron.Wasi.Preview2;

/// <summary>
/// A stream operation's <c>stream-error</c>: the stream is closed (its end was reached or it was shut), or
/// the last operation failed with <see cref="Error"/> (after which the stream counts as closed).
/// </summary>
internal sealed class StreamFailure : Exception
{
    private StreamFailure(HostError? error) : base(error?.Message ?? "closed") => Error = error;

    /// <summary>The failure; null when the stream is simply closed.</summary>
    public HostError? Error { get; }

    public static StreamFailure Closed() => new(null);

    public static StreamFailure Failed(HostError error) => new(error);
}
