using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Heron.Bench.Suite;

/// <summary>
/// Times each method of generated code the .NET JIT compiles, from the runtime's own events
/// (MethodJittingStarted, then MethodLoadVerbose on the same method): the per-function view of JIT cost,
/// which shows the wasm functions that cost the most and those compiled without optimisation (MinOpts).
/// Opt-in (<c>--jit-top</c>): listening has a cost.
/// </summary>
internal sealed class JitEventRecorder : EventListener
{
    private const int MethodLoadVerbose = 143;
    private const int MethodJittingStarted = 145;
    private const EventKeywords JitKeyword = (EventKeywords)0x10;

    // The runtime packs the optimisation tier into MethodFlags, three bits from bit 7.
    private static readonly string[] Tiers = ["Unknown", "MinOptJitted", "Optimized", "QuickJitted", "OptimizedTier1", "ReadyToRun", "PreJIT", "OptimizedTier1OSR"];

    // Library, harness and Heron's own methods (their tier-up recompilations happen on a background
    // thread during runs too); what remains is the code Heron generated from the module.
    private static readonly string[] NotGenerated = ["System.", "Microsoft.", "Internal.", "Wasmtime.", "Heron."];

    private readonly ConcurrentDictionary<ulong, (DateTime Started, int IlBytes)> _started = new();
    private readonly ConcurrentQueue<JitMethod> _compiled = new();
    private volatile bool _recording;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.Payload == null || e.PayloadNames == null) return;
        if (e.EventId == MethodJittingStarted)
        {
            _started[Convert.ToUInt64(Field(e, "MethodID"))] = (e.TimeStamp, Convert.ToInt32(Field(e, "MethodILSize")));
        }
        else if (e.EventId == MethodLoadVerbose && _started.TryRemove(Convert.ToUInt64(Field(e, "MethodID")), out var start))
        {
            var type = Field(e, "MethodNamespace") as string ?? "";
            var method = Field(e, "MethodName") as string ?? "";
            // Reflection's invoke stubs (the listener's own event plumbing among them) are dynamic methods too.
            if (NotGenerated.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal)) || method.StartsWith("InvokeStub_", StringComparison.Ordinal)) return;
            var flags = Convert.ToInt32(Field(e, "MethodFlags"));
            var name = $"{type}::{method}";
            _compiled.Enqueue(new JitMethod(name, start.IlBytes, Convert.ToInt32(Field(e, "MethodSize")),
                Tiers[(flags >> 7) & 7], (e.TimeStamp - start.Started).TotalMilliseconds));
        }
    }

    public void Begin()
    {
        _started.Clear();
        _compiled.Clear();
        _recording = true;
    }

    /// <summary>Stops recording and returns the <paramref name="count"/> methods the JIT spent longest on.</summary>
    public IReadOnlyList<JitMethod> End(int count)
    {
        // Runtime events reach a listener through a dispatch thread, a little after the fact.
        Thread.Sleep(500);
        _recording = false;
        return _compiled.OrderByDescending(m => m.JitMs).Take(count).ToArray();
    }

    private static object? Field(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames!.IndexOf(name);
        return index < 0 ? null : e.Payload![index];
    }
}
