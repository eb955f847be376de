using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;

namespace Heron.Wasi.Tests.Preview2;

public sealed class ClockRandomPollTests
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
    public void WallClockIsADatetimeFromTheConfiguredProvider()
    {
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(5), 0);
        using var h = new Preview2Harness(c => c.WithTimeProvider(time));
        var now = h.Get("wasi:clocks/wall-clock@0.2.0", "now").AsRecord();
        Assert.Equal(("seconds", 1_700_000_000UL), (now[0].Name, now[0].Value.AsU64()));
        Assert.Equal(("nanoseconds", 500U), (now[1].Name, now[1].Value.AsU32()));
        Assert.Equal(100U, h.Get("wasi:clocks/wall-clock@0.2.0", "resolution").AsRecord()[1].Value.AsU32());
    }

    [Fact]
    public void ADurationPollableIsReadyOnceTheMonotonicClockPassesIt()
    {
        var time = new FixedTime(DateTimeOffset.UnixEpoch, 1_000);
        using var h = new Preview2Harness(c => c.WithTimeProvider(time));
        time.Timestamp += 50;
        Assert.Equal(50UL, h.Get("wasi:clocks/monotonic-clock@0.2.0", "now").AsU64());
        var later = h.Get("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration", ComponentValue.U64(100));
        var past = h.Get("wasi:clocks/monotonic-clock@0.2.0", "subscribe-instant", ComponentValue.U64(10));
        Assert.False(h.Get("wasi:io/poll@0.2.0", "[method]pollable.ready", Borrow(later)).AsBool());
        Assert.True(h.Get("wasi:io/poll@0.2.0", "[method]pollable.ready", Borrow(past)).AsBool());
        var ready = h.Get("wasi:io/poll@0.2.0", "poll", ComponentValue.List([Borrow(later), Borrow(past)]));
        Assert.Equal([1U], ready.AsList().Select(v => v.AsU32()));
        time.Timestamp += 100;
        Assert.True(h.Get("wasi:io/poll@0.2.0", "[method]pollable.ready", Borrow(later)).AsBool());
    }

    [Fact]
    public void PollingNothingTraps()
    {
        using var h = new Preview2Harness();
        Assert.Throws<TrapException>(() => h.Call("wasi:io/poll@0.2.0", "poll", ComponentValue.List([])));
    }

    [Fact]
    public void StreamPollablesAreReadyAtOnce()
    {
        using var h = new Preview2Harness();
        var stdout = h.Get("wasi:cli/stdout@0.2.0", "get-stdout");
        var pollable = h.Get("wasi:io/streams@0.2.0", "[method]output-stream.subscribe", Borrow(stdout));
        Assert.Equal([0U], h.Get("wasi:io/poll@0.2.0", "poll", ComponentValue.List([Borrow(pollable)])).AsList().Select(v => v.AsU32()));
    }

    [Fact]
    public void RandomComesFromTheConfiguredSourceAndTheSeedStaysPut()
    {
        using var h = new Preview2Harness(c => c.WithRandomSource(span => span.Fill(7)));
        Assert.Equal([7, 7, 7], h.Get("wasi:random/random@0.2.0", "get-random-bytes", ComponentValue.U64(3)).AsBytes().ToArray());
        Assert.Equal(0x0707070707070707UL, h.Get("wasi:random/insecure@0.2.0", "get-insecure-random-u64").AsU64());
        var seed = h.Get("wasi:random/insecure-seed@0.2.0", "insecure-seed");
        Assert.Equal(seed, h.Get("wasi:random/insecure-seed@0.2.0", "insecure-seed"));
        Assert.Throws<TrapException>(() => h.Call("wasi:random/random@0.2.0", "get-random-bytes", ComponentValue.U64(1UL << 40)));
    }
}
