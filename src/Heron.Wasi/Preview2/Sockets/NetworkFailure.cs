namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// A socket operation's <c>error-code</c>: thrown by the socket resources and turned into the <c>err</c> of
/// the result the guest gets.
/// </summary>
internal sealed class NetworkFailure(string code) : Exception(code)
{
    /// <summary>The <c>wasi:sockets/network.error-code</c> case, such as <c>invalid-state</c>.</summary>
    public string Code { get; } = code;

    public static NetworkFailure InvalidState() => new("invalid-state");

    public static NetworkFailure InvalidArgument() => new("invalid-argument");

    public static NetworkFailure NotInProgress() => new("not-in-progress");

    public static NetworkFailure WouldBlock() => new("would-block");

    public static NetworkFailure ConcurrencyConflict() => new("concurrency-conflict");

    public static NetworkFailure AccessDenied() => new("access-denied");
}
