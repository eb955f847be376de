using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The socket options WASI lets a guest read and set, over the host socket's. A value of 0 is
/// <c>invalid-argument</c> for each setter, as the interfaces ask; other values pass to the host, which may
/// clamp or round them (so reading one back may give another value). Durations are whole seconds on the
/// host: a guest's nanoseconds round up, so no positive duration becomes 0.
/// </summary>
internal sealed class SocketOptions(Socket socket)
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    public bool KeepAliveEnabled => SocketErrorCodes.Guard(() => (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0);

    public void SetKeepAliveEnabled(bool value)
    {
        SocketErrorCodes.Guard(() => socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, value));
    }

    public ulong KeepAliveIdleTime => Seconds(SocketOptionName.TcpKeepAliveTime) * NanosecondsPerSecond;

    public void SetKeepAliveIdleTime(ulong nanoseconds) => SetSeconds(SocketOptionName.TcpKeepAliveTime, nanoseconds);

    public ulong KeepAliveInterval => Seconds(SocketOptionName.TcpKeepAliveInterval) * NanosecondsPerSecond;

    public void SetKeepAliveInterval(ulong nanoseconds) => SetSeconds(SocketOptionName.TcpKeepAliveInterval, nanoseconds);

    public uint KeepAliveCount => Seconds(SocketOptionName.TcpKeepAliveRetryCount);

    public void SetKeepAliveCount(uint value) => SetTcp(SocketOptionName.TcpKeepAliveRetryCount, value);

    /// <summary>IP_TTL or IPV6_UNICAST_HOPS, by the socket's family.</summary>
    public byte HopLimit => (byte)SocketErrorCodes.Guard(() => socket.Ttl);

    public void SetHopLimit(byte value)
    {
        if (value == 0) throw NetworkFailure.InvalidArgument();
        SocketErrorCodes.Guard(() => socket.Ttl = value);
    }

    public ulong ReceiveBufferSize => (ulong)SocketErrorCodes.Guard(() => socket.ReceiveBufferSize);

    public void SetReceiveBufferSize(ulong value)
    {
        int size = BufferSize(value);
        SocketErrorCodes.Guard(() => socket.ReceiveBufferSize = size);
    }

    public ulong SendBufferSize => (ulong)SocketErrorCodes.Guard(() => socket.SendBufferSize);

    public void SetSendBufferSize(ulong value)
    {
        int size = BufferSize(value);
        SocketErrorCodes.Guard(() => socket.SendBufferSize = size);
    }

    private static int BufferSize(ulong value) => value == 0 ? throw NetworkFailure.InvalidArgument() : (int)Math.Min(value, int.MaxValue);

    private uint Seconds(SocketOptionName option)
    {
        return (uint)SocketErrorCodes.Guard(() => (int)socket.GetSocketOption(SocketOptionLevel.Tcp, option)!);
    }

    private void SetSeconds(SocketOptionName option, ulong nanoseconds)
    {
        if (nanoseconds == 0) throw NetworkFailure.InvalidArgument();
        ulong seconds = nanoseconds / NanosecondsPerSecond + (nanoseconds % NanosecondsPerSecond == 0 ? 0UL : 1UL);
        SetTcp(option, (uint)Math.Min(seconds, int.MaxValue));
    }

    private void SetTcp(SocketOptionName option, uint value)
    {
        if (value == 0) throw NetworkFailure.InvalidArgument();
        int clamped = (int)Math.Min(value, int.MaxValue);
        SocketErrorCodes.Guard(() => socket.SetSocketOption(SocketOptionLevel.Tcp, option, clamped));
    }
}
