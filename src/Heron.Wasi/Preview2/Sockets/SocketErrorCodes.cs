using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>The <c>error-code</c> case for a failure of the host's socket layer.</summary>
internal static class SocketErrorCodes
{
    /// <summary>Runs an operation of the host's socket layer, its failure becoming the matching <c>error-code</c>.</summary>
    public static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SocketException e)
        {
            throw new NetworkFailure(From(e));
        }
    }

    public static void Guard(Action operation) => Guard(() =>
    {
        operation();
        return 0;
    });

    public static string From(SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.AccessDenied => "access-denied",
        SocketError.OperationNotSupported or SocketError.ProtocolNotSupported or SocketError.SocketNotSupported => "not-supported",
        SocketError.AddressFamilyNotSupported or SocketError.InvalidArgument or SocketError.Fault or SocketError.DestinationAddressRequired => "invalid-argument",
        SocketError.NoBufferSpaceAvailable => "out-of-memory",
        SocketError.TimedOut => "timeout",
        SocketError.AlreadyInProgress => "concurrency-conflict",
        SocketError.WouldBlock or SocketError.IOPending or SocketError.InProgress => "would-block",
        SocketError.IsConnected or SocketError.NotConnected or SocketError.Shutdown => "invalid-state",
        SocketError.TooManyOpenSockets => "new-socket-limit",
        SocketError.AddressNotAvailable => "address-not-bindable",
        SocketError.AddressAlreadyInUse => "address-in-use",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown or SocketError.NetworkReset => "remote-unreachable",
        SocketError.ConnectionRefused => "connection-refused",
        SocketError.ConnectionReset => "connection-reset",
        SocketError.ConnectionAborted or SocketError.OperationAborted => "connection-aborted",
        SocketError.MessageSize => "datagram-too-large",
        SocketError.HostNotFound or SocketError.NoData => "name-unresolvable",
        SocketError.TryAgain => "temporary-resolver-failure",
        SocketError.NoRecovery => "permanent-resolver-failure",
        _ => "unknown",
    };

    /// <summary>The error a failed task of the socket layer ended with, as a <see cref="NetworkFailure"/>.</summary>
    public static NetworkFailure Failure(Task task) => task.Exception?.InnerException switch
    {
        SocketException socket => new NetworkFailure(From(socket)),
        ObjectDisposedException => NetworkFailure.InvalidState(),
        _ => new NetworkFailure("unknown"),
    };
}
