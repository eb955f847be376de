namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The states of a <c>tcp-socket</c>, as WASI's operational semantics of TCP sockets name them. A method
/// called in the wrong state answers <c>invalid-state</c>; a <c>finish-*</c> outside its
/// <c>*-in-progress</c> state answers <c>not-in-progress</c>.
/// </summary>
internal enum TcpState
{
    Unbound,
    BindInProgress,
    Bound,
    ListenInProgress,
    Listening,
    ConnectInProgress,
    Connected,

    /// <summary>After a failed connect or listen: only dropping the socket is left.</summary>
    Closed,
}
