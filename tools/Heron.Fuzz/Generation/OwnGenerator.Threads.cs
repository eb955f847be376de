namespace Heron.Fuzz.Generation;

/// <summary>
/// The own generator's atomics and wide arithmetic, written only when the features include them (other
/// campaigns draw no random numbers here, so their seeds keep their modules). With threads the main memory is
/// shared, and every atomic access kind runs on it: loads, stores, read-modify-writes of each width,
/// compare-exchange, <c>memory.atomic.notify</c>, and waits with a timeout of at most a microsecond (one thread
/// only: a wait returns "not equal" or "timed out"), at addresses and offsets that are often misaligned, so the
/// alignment trap is compared too. Wide arithmetic: <c>i64.add128</c>, <c>sub128</c>, <c>mul_wide_s/u</c>
/// with both halves of the result observed.
/// </summary>
internal sealed partial class OwnGenerator
{
    private static readonly string[] RmwOps = ["add", "sub", "and", "or", "xor", "xchg"];
    private static readonly string[] AtomicOffsets = ["0", "0", "4", "8", "1", "2", "65532", "65535"];

    private bool Atomics => features.Has("threads");

    private bool WideArithmetic => features.Has("wide-arithmetic");

    /// <summary>Whether I64 expressions may draw from here (kept apart so 3.0 seeds keep their modules).</summary>
    private bool HasI64Extensions => Atomics || WideArithmetic;

    /// <summary>" shared" after the main memory's limits when atomics are on (a shared memory needs a maximum, which it has).</summary>
    private string SharedMemory => Atomics ? " shared" : "";

    private void ThreadsStatementChoices(List<Func<string>> choices, int depth)
    {
        if (Atomics)
        {
            choices.Add(() => $"(i32.atomic.store{Pick("", "8", "16")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I32Expr(depth - 1)})");
            choices.Add(() => $"(i64.atomic.store{Pick("", "8", "16", "32")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I64Expr(depth - 1)})");
            choices.Add(() => "(atomic.fence)");
            choices.Add(() => $"(call $log (memory.atomic.notify offset={Pick(AtomicOffsets)} {AtomicAddress()} {I32Expr(depth - 1)}))");
        }
        if (WideArithmetic)
            choices.Add(() => $"{WideResult(depth)} (global.set $g1) (call $log64)");
    }

    private void ThreadsI32Choices(List<Func<string>> choices, int depth)
    {
        if (Atomics)
        {
            choices.Add(() => $"(i32.atomic.load{Pick("", "8_u", "16_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()})");
            choices.Add(() =>
            {
                var width = Pick("", "8", "16");
                return $"(i32.atomic.rmw{width}.{Pick(RmwOps)}{(width == "" ? "" : "_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I32Expr(depth - 1)})";
            });
            choices.Add(() =>
            {
                var width = Pick("", "8", "16");
                return $"(i32.atomic.rmw{width}.cmpxchg{(width == "" ? "" : "_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I32Expr(depth - 1)} {I32Expr(depth - 1)})";
            });
            // A wait never blocks for long: the timeout is 0 or 1000 ns (a negative one would wait forever).
            choices.Add(() => $"(memory.atomic.wait32 offset={Pick(AtomicOffsets)} {AtomicAddress()} {I32Expr(depth - 1)} (i64.const {Pick("0", "1000")}))");
            choices.Add(() => $"(memory.atomic.wait64 offset={Pick(AtomicOffsets)} {AtomicAddress()} {I64Expr(depth - 1)} (i64.const {Pick("0", "1000")}))");
        }
        if (WideArithmetic) choices.Add(() => $"(i32.wrap_i64 (i64.{Pick("xor", "sub", "add")} {WideResult(depth)}))");
    }

    private string ThreadsI64Expr(int depth)
    {
        var choices = new List<Func<string>>();
        if (Atomics)
        {
            choices.Add(() => $"(i64.atomic.load{Pick("", "8_u", "16_u", "32_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()})");
            choices.Add(() =>
            {
                var width = Pick("", "8", "16", "32");
                return $"(i64.atomic.rmw{width}.{Pick(RmwOps)}{(width == "" ? "" : "_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I64Expr(depth - 1)})";
            });
            choices.Add(() =>
            {
                var width = Pick("", "8", "16", "32");
                return $"(i64.atomic.rmw{width}.cmpxchg{(width == "" ? "" : "_u")} offset={Pick(AtomicOffsets)} {AtomicAddress()} {I64Expr(depth - 1)} {I64Expr(depth - 1)})";
            });
        }
        if (WideArithmetic)
        {
            // The low half with the high one rotated in, so both show in the value.
            choices.Add(() => $"{WideResult(depth)} (i64.const {random.Next(1, 63)}) (i64.rotl) (i64.xor)");
        }
        return $"(block (result i64) {choices[random.Next(choices.Count)]()})";
    }

    /// <summary>Pushes the two i64 halves (low, then high) of a 128-bit add or subtract, or of a widening multiply.</summary>
    private string WideResult(int depth) => random.Next(4) switch
    {
        0 => $"(i64.add128 {I64Expr(depth - 1)} {I64Expr(depth - 1)} {I64Expr(depth - 1)} {I64Expr(depth - 1)})",
        1 => $"(i64.sub128 {I64Expr(depth - 1)} {I64Expr(depth - 1)} {I64Expr(depth - 1)} {I64Expr(depth - 1)})",
        2 => $"(i64.mul_wide_s {I64Expr(depth - 1)} {I64Expr(depth - 1)})",
        _ => $"(i64.mul_wide_u {I64Expr(depth - 1)} {I64Expr(depth - 1)})",
    };

    /// <summary>
    /// An export hashing the shared memory's bytes and size (FNV-1a over 8-byte words), exported after the tests
    /// so the campaign calls it last: Wasmtime's .NET API cannot hand out a shared memory to read it from the host.
    /// </summary>
    private void MemoryDigest() => text.AppendLine("""
          (func (export "mem-digest") (result i64) (local $a i32) (local $h i64)
            (local.set $h (i64.const 0xcbf29ce484222325))
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $a) (i32.mul (memory.size) (i32.const 65536))))
              (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $a))) (i64.const 0x100000001b3)))
              (local.set $a (i32.add (local.get $a) (i32.const 8)))
              (br $next)))
            (i64.xor (local.get $h) (i64.extend_i32_u (memory.size))))
        """);

    /// <summary>An address for an atomic access: aligned to 8 half the time, otherwise any (misaligned ones trap).</summary>
    private string AtomicAddress() => random.Next(2) == 0 ? $"(i32.and {Address()} (i32.const -8))" : Address();
}
