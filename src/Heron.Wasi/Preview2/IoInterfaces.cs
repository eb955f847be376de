using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary><c>wasi:io/error</c>, <c>wasi:io/poll</c> and <c>wasi:io/streams</c>.</summary>
internal static class IoInterfaces
{
    public static void Define(ComponentLinker linker, Preview2Host host)
    {
        DefineError(linker.Instance("wasi:io/error@0.2.0"), host);
        DefinePoll(linker.Instance("wasi:io/poll@0.2.0"), host);
        DefineStreams(linker.Instance("wasi:io/streams@0.2.0"), host);
    }

    private static void DefineError(ComponentLinkerInstance error, Preview2Host host)
    {
        error.DefineResource("error", host.Errors.Type);
        error.DefineFunction("[method]error.to-debug-string", args => HostString.From(host.Errors.Get(args[0]).Message));
    }

    private static void DefinePoll(ComponentLinkerInstance poll, Preview2Host host)
    {
        poll.DefineResource("pollable", host.Pollables.Type);
        poll.DefineFunction("[method]pollable.ready", args => ComponentValue.Bool(host.Pollables.Get(args[0]).IsReady));
        poll.DefineFunction("[method]pollable.block", args =>
        {
            host.Pollables.Get(args[0]).Block();
            return null;
        });
        poll.DefineFunction("poll", args => Poll(host, args[0].AsList()));
    }

    /// <summary>
    /// The indices of the ready pollables; when none is, waits for the one due first. An empty list traps
    /// (the interface forbids it: it would wait forever).
    /// </summary>
    internal static ComponentValue Poll(Preview2Host host, IReadOnlyList<ComponentValue> handles)
    {
        if (handles.Count == 0) throw new TrapException(TrapCode.HostError, "wasi:io/poll.poll: the list of pollables is empty");
        var pollables = handles.Select(host.Pollables.Get).ToArray();
        if (!pollables.Any(p => p.IsReady)) WaitForFirst(pollables);
        var ready = new List<ComponentValue>();
        for (int i = 0; i < pollables.Length; i++)
            if (pollables[i].IsReady) ready.Add(ComponentValue.U32((uint)i));
        return ComponentValue.List(ready);
    }

    /// <summary>
    /// Waits until one pollable is ready: for host work in progress (a pollable with a completion task) and
    /// deadlines together, whichever comes first; with deadlines alone, for the earliest.
    /// </summary>
    private static void WaitForFirst(HostPollable[] pollables)
    {
        var earliest = pollables.MinBy(p => p.Completion == null ? p.Remaining : TimeSpan.MaxValue)!;
        var completions = pollables.Select(p => p.Completion).OfType<Task>().ToArray();
        if (completions.Length == 0)
        {
            earliest.Block();
            return;
        }
        if (earliest.Completion != null)
        {
            Task.WaitAny(completions);
            return;
        }
        var remaining = earliest.Remaining;
        if (remaining > TimeSpan.FromMilliseconds(int.MaxValue - 1)) remaining = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        Task.WaitAny(completions, remaining);
    }

    private static void DefineStreams(ComponentLinkerInstance streams, Preview2Host host)
    {
        streams.DefineResource("error", host.Errors.Type);
        streams.DefineResource("pollable", host.Pollables.Type);
        streams.DefineResource("input-stream", host.InputStreams.Type);
        streams.DefineResource("output-stream", host.OutputStreams.Type);

        var inputs = host.InputStreams;
        streams.DefineFunction("[method]input-stream.read", args => Guard(host, () => ComponentValue.Bytes(inputs.Get(args[0]).Read(args[1].AsU64(), blocking: false))));
        streams.DefineFunction("[method]input-stream.blocking-read", args => Guard(host, () => ComponentValue.Bytes(inputs.Get(args[0]).Read(args[1].AsU64()))));
        streams.DefineFunction("[method]input-stream.skip", args => Guard(host, () => ComponentValue.U64(inputs.Get(args[0]).Skip(args[1].AsU64(), blocking: false))));
        streams.DefineFunction("[method]input-stream.blocking-skip", args => Guard(host, () => ComponentValue.U64(inputs.Get(args[0]).Skip(args[1].AsU64()))));
        streams.DefineFunction("[method]input-stream.subscribe", args => host.Pollables.New(inputs.Get(args[0]).Subscribe()));

        var outputs = host.OutputStreams;
        streams.DefineFunction("[method]output-stream.check-write", args => Guard(host, () => ComponentValue.U64(outputs.Get(args[0]).CheckWrite())));
        streams.DefineFunction("[method]output-stream.write", args => Guard(host, () => Write(outputs.Get(args[0]), args[1].AsBytes().Span, flush: false)));
        streams.DefineFunction("[method]output-stream.blocking-write-and-flush", args => Guard(host, () => Write(outputs.Get(args[0]), args[1].AsBytes().Span, flush: true)));
        streams.DefineFunction("[method]output-stream.flush", args => Guard(host, () => Flush(outputs.Get(args[0]), blocking: false)));
        streams.DefineFunction("[method]output-stream.blocking-flush", args => Guard(host, () => Flush(outputs.Get(args[0]), blocking: true)));
        streams.DefineFunction("[method]output-stream.subscribe", args => host.Pollables.New(outputs.Get(args[0]).Subscribe()));
        streams.DefineFunction("[method]output-stream.write-zeroes", args => Guard(host, () => WriteZeroes(outputs.Get(args[0]), args[1].AsU64(), flush: false)));
        streams.DefineFunction("[method]output-stream.blocking-write-zeroes-and-flush", args => Guard(host, () => WriteZeroes(outputs.Get(args[0]), args[1].AsU64(), flush: true)));
        streams.DefineFunction("[method]output-stream.splice", args => Guard(host, () => Splice(outputs.Get(args[0]), inputs.Get(args[1]), args[2].AsU64(), blocking: false)));
        streams.DefineFunction("[method]output-stream.blocking-splice", args => Guard(host, () => Splice(outputs.Get(args[0]), inputs.Get(args[1]), args[2].AsU64(), blocking: true)));
    }

    /// <summary>Runs a stream operation, answering <c>ok</c> with its value or <c>err(stream-error)</c>.</summary>
    private static ComponentValue Guard(Preview2Host host, Func<ComponentValue?> operation)
    {
        try
        {
            return ComponentValue.Ok(operation());
        }
        catch (StreamFailure failure)
        {
            return ComponentValue.Error(failure.Error is { } error
                ? ComponentValue.Variant("last-operation-failed", host.Errors.New(error))
                : ComponentValue.Variant("closed"));
        }
    }

    private static ComponentValue? Write(HostOutputStream stream, ReadOnlySpan<byte> bytes, bool flush)
    {
        // The interface bounds a write by what check-write offered; more is the guest's error, and a trap.
        if ((ulong)bytes.Length > HostOutputStream.WriteBudget && !flush)
            throw new TrapException(TrapCode.HostError, $"wasi:io/streams: a write of {bytes.Length} bytes exceeds the {HostOutputStream.WriteBudget} check-write permitted");
        stream.Write(bytes);
        if (flush) stream.Flush(blocking: true);
        return null;
    }

    private static ComponentValue? Flush(HostOutputStream stream, bool blocking)
    {
        stream.Flush(blocking);
        return null;
    }

    private static ComponentValue? WriteZeroes(HostOutputStream stream, ulong length, bool flush)
    {
        if (length > HostOutputStream.WriteBudget)
            throw new TrapException(TrapCode.HostError, $"wasi:io/streams: writing {length} zeroes exceeds the {HostOutputStream.WriteBudget} check-write permitted");
        Span<byte> zeroes = stackalloc byte[4096];
        zeroes.Clear();
        for (ulong left = length; left > 0;)
        {
            int chunk = (int)Math.Min(left, (ulong)zeroes.Length);
            stream.Write(zeroes[..chunk]);
            left -= (ulong)chunk;
        }
        if (flush) stream.Flush(blocking: true);
        return null;
    }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes (the blocking form waits for the first); the input's end
    /// before anything moved is its <c>closed</c>.
    /// </summary>
    private static ComponentValue Splice(HostOutputStream output, HostInputStream input, ulong length, bool blocking)
    {
        var bytes = input.Read(Math.Min(length, HostOutputStream.WriteBudget), blocking);
        output.Write(bytes);
        return ComponentValue.U64((ulong)bytes.Length);
    }
}
