using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// <c>wasi:clocks</c> and <c>wasi:random</c>, reading the same clocks and random source as preview 1
/// (<see cref="WasiClocks"/>, <see cref="WasiConfiguration.RandomSource"/>).
/// </summary>
internal static class ClockRandomInterfaces
{
    /// <summary>The most bytes one call returns; a larger request would be the guest asking the host to exhaust its memory.</summary>
    public const ulong MaxRandomBytes = 1 << 26;

    public static void Define(ComponentLinker linker, Preview2Host host)
    {
        var clocks = host.Context.Clocks;
        linker.Instance("wasi:clocks/wall-clock@0.2.0")
            .DefineFunction("now", _ => DateTime(clocks.Now((int)WasiClockId.Realtime)))
            .DefineFunction("resolution", _ => DateTime(clocks.Resolution(WasiClockId.Realtime)));

        linker.Instance("wasi:clocks/monotonic-clock@0.2.0")
            .DefineResource("pollable", host.Pollables.Type)
            .DefineFunction("now", _ => ComponentValue.U64(clocks.Now((int)WasiClockId.Monotonic)))
            .DefineFunction("resolution", _ => ComponentValue.U64(clocks.Resolution(WasiClockId.Monotonic)))
            .DefineFunction("subscribe-instant", args => host.Pollables.New(new DeadlinePollable(clocks, args[0].AsU64())))
            .DefineFunction("subscribe-duration", args =>
            {
                ulong now = clocks.Now((int)WasiClockId.Monotonic), duration = args[0].AsU64();
                ulong deadline = duration > ulong.MaxValue - now ? ulong.MaxValue : now + duration;
                return host.Pollables.New(new DeadlinePollable(clocks, deadline));
            });

        var random = host.Context.RandomSource;
        linker.Instance("wasi:random/random@0.2.0")
            .DefineFunction("get-random-bytes", args => RandomBytes(random, args[0].AsU64()))
            .DefineFunction("get-random-u64", _ => RandomU64(random));
        linker.Instance("wasi:random/insecure@0.2.0")
            .DefineFunction("get-insecure-random-bytes", args => RandomBytes(random, args[0].AsU64()))
            .DefineFunction("get-insecure-random-u64", _ => RandomU64(random));
        linker.Instance("wasi:random/insecure-seed@0.2.0")
            .DefineFunction("insecure-seed", _ => ComponentValue.Tuple([ComponentValue.U64(host.InsecureSeed.Item1), ComponentValue.U64(host.InsecureSeed.Item2)]));
    }

    /// <summary>A <c>datetime</c> record from nanoseconds since the epoch.</summary>
    internal static ComponentValue DateTime(ulong nanoseconds) => ComponentValue.Record([
        ("seconds", ComponentValue.U64(nanoseconds / 1_000_000_000)),
        ("nanoseconds", ComponentValue.U32((uint)(nanoseconds % 1_000_000_000))),
    ]);

    private static ComponentValue RandomBytes(Action<Span<byte>> random, ulong length)
    {
        if (length > MaxRandomBytes)
            throw new TrapException(TrapCode.HostError, $"wasi:random: {length} random bytes asked for at once, more than the {MaxRandomBytes} allowed");
        var bytes = new byte[length];
        random(bytes);
        return ComponentValue.Bytes(bytes);
    }

    private static ComponentValue RandomU64(Action<Span<byte>> random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random(bytes);
        return ComponentValue.U64(BitConverter.ToUInt64(bytes));
    }
}
