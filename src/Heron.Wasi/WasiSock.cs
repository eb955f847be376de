namespace Heron.Wasi;

/// <summary>
/// <c>sock_accept</c>, <c>sock_recv</c>, <c>sock_send</c>, <c>sock_shutdown</c>. Heron offers no sockets in
/// preview 1 (none can be preopened), so an open descriptor is never one: <c>notsock</c>, and a closed
/// one is <c>badf</c>, as libc's callers expect.
/// </summary>
internal sealed class WasiSock(WasiContext context)
{
    public int SockAccept(Span<byte> memory, int fd, int flags, int resultPointer) => NotASocket(fd);

    public int SockRecv(Span<byte> memory, int fd, int iovs, int iovsLength, int flags, int lengthPointer, int flagsPointer) => NotASocket(fd);

    public int SockSend(Span<byte> memory, int fd, int iovs, int iovsLength, int flags, int lengthPointer) => NotASocket(fd);

    public int SockShutdown(Span<byte> memory, int fd, int how) => NotASocket(fd);

    private int NotASocket(int fd) =>
        (int)(context.Descriptors.TryGet(fd, out _) ? WasiErrno.NotSock : WasiErrno.Badf);
}
