using System.Diagnostics;

namespace Heron.Wasi.Tests.Core;

public sealed class PollProcSockTests
{
    private static void Clock(GuestHarness h, int at, ulong userData, ulong timeout, int clock = 1, int flags = 0)
    {
        h.WriteU64(at, userData);
        h.Memory[at + 8] = 0;
        h.WriteU32(at + 16, (uint)clock);
        h.WriteU64(at + 24, timeout);
        h.WriteU64(at + 32, 0);
        h.Memory[at + 40] = (byte)flags;
    }

    private static void Fd(GuestHarness h, int at, ulong userData, byte type, int fd)
    {
        h.WriteU64(at, userData);
        h.Memory[at + 8] = type;
        h.WriteU32(at + 16, (uint)fd);
    }

    [Fact]
    public void RelativeClockSubscriptionSleepsThenFires()
    {
        using var h = new GuestHarness();
        int subs = h.Alloc(48), events = h.Alloc(32), count = h.Alloc(4);
        Clock(h, subs, 0x1234, 50_000_000);
        var watch = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Context.Poll.PollOneoff(h.Memory, subs, events, 1, count));
        Assert.True(watch.ElapsedMilliseconds >= 45, $"slept {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1u, h.U32(count));
        Assert.Equal(0x1234UL, h.U64(events));
        Assert.Equal(0, h.U16(events + 8));
        Assert.Equal(0, h.Memory[events + 10]);
    }

    [Fact]
    public void AbsoluteClockInThePastFiresAtOnce()
    {
        using var h = new GuestHarness();
        int subs = h.Alloc(48), events = h.Alloc(32), count = h.Alloc(4);
        Clock(h, subs, 7, 1, clock: 0, flags: 1);
        var watch = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Context.Poll.PollOneoff(h.Memory, subs, events, 1, count));
        Assert.True(watch.ElapsedMilliseconds < 1000);
        Assert.Equal(1u, h.U32(count));
        Assert.Equal(7UL, h.U64(events));
    }

    [Fact]
    public void StdioIsReadyBeforeTheTimeout()
    {
        using var h = new GuestHarness();
        int subs = h.Alloc(48 * 4), events = h.Alloc(32 * 4), count = h.Alloc(4);
        Clock(h, subs, 100, 5_000_000_000);
        Fd(h, subs + 48, 1, 2, 1);
        Fd(h, subs + 96, 2, 2, 2);
        Fd(h, subs + 144, 3, 1, 0);
        var watch = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Context.Poll.PollOneoff(h.Memory, subs, events, 4, count));
        Assert.True(watch.ElapsedMilliseconds < 2000);
        Assert.Equal(3u, h.U32(count));
        var seen = Enumerable.Range(0, 3).Select(i => (h.U64(events + i * 32), h.Memory[events + i * 32 + 10], h.U16(events + i * 32 + 8))).ToList();
        Assert.Contains((1UL, (byte)2, (ushort)0), seen);
        Assert.Contains((2UL, (byte)2, (ushort)0), seen);
        Assert.Contains((3UL, (byte)1, (ushort)0), seen);
    }

    [Fact]
    public void FileReadReadinessReportsBytesLeftAndBadFdIsAnEventError()
    {
        using var h = new GuestHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "f"), "12345");
        Assert.Equal(Errno.Success, h.Open("f", out int fd));
        int subs = h.Alloc(96), events = h.Alloc(64), count = h.Alloc(4);
        Fd(h, subs, 1, 1, fd);
        Fd(h, subs + 48, 2, 1, 99);
        Assert.Equal(Errno.Success, h.Context.Poll.PollOneoff(h.Memory, subs, events, 2, count));
        Assert.Equal(2u, h.U32(count));
        Assert.Equal(5UL, h.U64(events + 16));
        Assert.Equal(Errno.Badf, h.U16(events + 32 + 8));
    }

    [Fact]
    public void NoSubscriptionsIsInvalAndOutOfBoundsFaults()
    {
        using var h = new GuestHarness();
        int count = h.Alloc(4);
        Assert.Equal(Errno.Inval, h.Context.Poll.PollOneoff(h.Memory, 0, 0, 0, count));
        Assert.Equal(Errno.Fault, h.Context.Poll.PollOneoff(h.Memory, h.Memory.Length - 40, 0, 1, count));
    }

    [Fact]
    public void ProcExitThrowsWithTheCode()
    {
        using var h = new GuestHarness();
        var exit = Assert.Throws<WasiExitException>(() => h.Context.Proc.ProcExit(h.Memory, 33));
        Assert.Equal(33, exit.ExitCode);
        Assert.IsAssignableFrom<WasmException>(exit);
    }

    [Fact]
    public void RaiseIsUnsupportedAndYieldSucceeds()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.NotSup, h.Context.Proc.ProcRaise(h.Memory, 6));
        Assert.Equal(Errno.Success, h.Context.Proc.SchedYield(h.Memory));
    }

    [Fact]
    public void SocketCallsOnOpenDescriptorsAreNotsockAndOnClosedOnesBadf()
    {
        using var h = new GuestHarness();
        int result = h.Alloc(8);
        Assert.Equal(Errno.NotSock, h.Context.Sock.SockShutdown(h.Memory, 1, 1));
        Assert.Equal(Errno.NotSock, h.Context.Sock.SockAccept(h.Memory, 3, 0, result));
        Assert.Equal(Errno.NotSock, h.Context.Sock.SockRecv(h.Memory, 0, 0, 0, 0, result, result + 4));
        Assert.Equal(Errno.NotSock, h.Context.Sock.SockSend(h.Memory, 1, 0, 0, 0, result));
        Assert.Equal(Errno.Badf, h.Context.Sock.SockShutdown(h.Memory, 50, 1));
    }
}
