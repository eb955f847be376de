namespace Heron.Wasi.Tests.Core;

public sealed class ClockRandomTests
{
    private sealed class FixedTime(DateTimeOffset now, long timestamp) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public long Timestamp { get; set; } = timestamp;
        public override DateTimeOffset GetUtcNow() => Now;
        public override long GetTimestamp() => Timestamp;
        public override long TimestampFrequency => 1_000_000_000;
    }

    [Fact]
    public void RealtimeReadsTheConfiguredProviderInNanoseconds()
    {
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(5), 0);
        using var h = new GuestHarness(c => c.WithTimeProvider(time));
        int result = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Clocks.ClockTimeGet(h.Memory, 0, 1, result));
        Assert.Equal(1_700_000_000_000_000_500UL, h.U64(result));
    }

    [Fact]
    public void MonotonicCountsFromContextCreation()
    {
        var time = new FixedTime(DateTimeOffset.UnixEpoch, 5_000);
        using var h = new GuestHarness(c => c.WithTimeProvider(time));
        time.Timestamp = 5_000 + 1_234_567_890;
        int result = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Clocks.ClockTimeGet(h.Memory, 1, 0, result));
        Assert.Equal(1_234_567_890UL, h.U64(result));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryClockHasAPositiveResolutionAndAdvances(int clock)
    {
        using var h = new GuestHarness();
        int resolution = h.Alloc(8), first = h.Alloc(8), second = h.Alloc(8);
        Assert.Equal(Errno.Success, h.Context.Clocks.ClockResGet(h.Memory, clock, resolution));
        Assert.True(h.U64(resolution) > 0);
        Assert.Equal(Errno.Success, h.Context.Clocks.ClockTimeGet(h.Memory, clock, 0, first));
        var spin = System.Diagnostics.Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 20) { }
        Assert.Equal(Errno.Success, h.Context.Clocks.ClockTimeGet(h.Memory, clock, 0, second));
        Assert.True(h.U64(second) > h.U64(first));
    }

    [Fact]
    public void UnknownClockIsInval()
    {
        using var h = new GuestHarness();
        int result = h.Alloc(8);
        Assert.Equal(Errno.Inval, h.Context.Clocks.ClockTimeGet(h.Memory, 4, 0, result));
        Assert.Equal(Errno.Inval, h.Context.Clocks.ClockResGet(h.Memory, -1, result));
    }

    [Fact]
    public void ClockResultOutsideMemoryFaults()
    {
        using var h = new GuestHarness();
        Assert.Equal(Errno.Fault, h.Context.Clocks.ClockTimeGet(h.Memory, 0, 0, h.Memory.Length - 7));
    }

    [Fact]
    public void RandomGetFillsExactlyTheRequestedBytes()
    {
        using var h = new GuestHarness(c => c.WithRandomSource(span => span.Fill(0xAB)));
        int buffer = h.Alloc(16);
        Assert.Equal(Errno.Success, h.Context.Random.RandomGet(h.Memory, buffer + 1, 14));
        Assert.Equal(0, h.Memory[buffer]);
        Assert.All(h.Memory.AsSpan(buffer + 1, 14).ToArray(), b => Assert.Equal(0xAB, b));
        Assert.Equal(0, h.Memory[buffer + 15]);
        Assert.Equal(Errno.Success, h.Context.Random.RandomGet(h.Memory, buffer, 0));
    }

    [Fact]
    public void DefaultRandomSourceIsNotAllZero()
    {
        using var h = new GuestHarness();
        int buffer = h.Alloc(64);
        Assert.Equal(Errno.Success, h.Context.Random.RandomGet(h.Memory, buffer, 64));
        Assert.Contains(h.Memory.AsSpan(buffer, 64).ToArray(), b => b != 0);
    }

    [Fact]
    public void RandomGetPastTheEndOfMemoryFaultsWithoutWriting()
    {
        using var h = new GuestHarness(c => c.WithRandomSource(span => span.Fill(1)));
        Assert.Equal(Errno.Fault, h.Context.Random.RandomGet(h.Memory, h.Memory.Length - 4, 8));
        Assert.Equal(0, h.Memory[^1]);
    }
}
