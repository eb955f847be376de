using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// Loops that copy or fill memory a byte at a time (the shapes C libraries and LLVM emit for memcpy,
/// memmove and memset) are recognised and run as one bulk operation. Every loop here runs in two engines,
/// recognising and not, on the same arguments: in bounds and out, overlapping in both directions, a count
/// of zero (2^32 iterations, until the addresses leave the memory), addresses that wrap. The results or
/// the trap, and every byte of both memories, must be the same.
/// </summary>
public sealed class ByteLoopTests
{
    private const string Wat = """
        (module
          (memory (export "memory") 1)
          (memory $other (export "other") 1)
          ;; wasi-libc's memcpy without bulk memory: up, by a counter.
          (func (export "copy_up") (param $d i32) (param $s i32) (param $n i32) (result i32 i32 i32)
            (loop
              (i32.store8 (local.get $d) (i32.load8_u (local.get $s)))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (local.set $s (i32.add (local.get $s) (i32.const 1)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d) (local.get $s) (local.get $n))
          ;; memmove's downward half: both pointers pre-decremented.
          (func (export "move_down") (param $d i32) (param $s i32) (param $n i32) (result i32 i32 i32)
            (loop
              (i32.store8
                (local.tee $d (i32.sub (local.get $d) (i32.const 1)))
                (i32.load8_u (local.tee $s (i32.sub (local.get $s) (i32.const 1)))))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d) (local.get $s) (local.get $n))
          ;; memset.
          (func (export "fill_up") (param $d i32) (param $v i32) (param $n i32) (result i32 i32)
            (loop
              (i32.store8 (local.get $d) (local.get $v))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d) (local.get $n))
          ;; Rust's shape: the byte kept in a local (sign-extended here), static offsets, a count by -1.
          (func (export "copy_keep") (param $d i32) (param $s i32) (param $n i32) (result i32 i32 i32 i32)
            (local $b i32)
            (loop
              (i32.store8 offset=3 (local.get $d) (local.tee $b (i32.load8_s offset=1 (local.get $s))))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (local.set $s (i32.add (local.get $s) (i32.const 1)))
              (local.set $n (i32.add (local.get $n) (i32.const -1)))
              (br_if 0 (local.get $n)))
            (local.get $d) (local.get $s) (local.get $n) (local.get $b))
          ;; Up to an end pointer.
          (func (export "copy_until") (param $d i32) (param $s i32) (param $e i32) (result i32 i32)
            (loop
              (i32.store8 (local.get $d) (i32.load8_u (local.get $s)))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (local.set $s (i32.add (local.get $s) (i32.const 1)))
              (br_if 0 (i32.ne (local.get $e) (local.get $d))))
            (local.get $d) (local.get $s))
          ;; Base plus a falling index, and a separate counter rising to zero.
          (func (export "copy_indexed") (param $d i32) (param $s i32) (param $n i32) (result i32 i32)
            (local $i i32) (local $k i32)
            (local.set $i (i32.sub (local.get $n) (i32.const 1)))
            (local.set $k (i32.sub (i32.const 0) (local.get $n)))
            (loop
              (i32.store8 (i32.add (local.get $d) (local.get $i)) (i32.load8_u (i32.add (local.get $s) (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const -1)))
              (br_if 0 (local.tee $k (i32.add (local.get $k) (i32.const 1)))))
            (local.get $i) (local.get $k))
          ;; Fill downward with a constant.
          (func (export "fill_down") (param $d i32) (param $n i32) (result i32)
            (loop
              (i32.store8 (local.get $d) (i32.const 0xA5))
              (local.set $d (i32.sub (local.get $d) (i32.const 1)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d))
          ;; Between memories.
          (func (export "copy_across") (param $d i32) (param $s i32) (param $n i32) (result i32)
            (loop
              (i32.store8 $other (local.get $d) (i32.load8_u (local.get $s)))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (local.set $s (i32.add (local.get $s) (i32.const 1)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d))
          ;; Not byte loops: two bytes a step, and a source moving against the destination.
          (func (export "by_two") (param $d i32) (param $s i32) (param $n i32) (result i32)
            (loop
              (i32.store8 (local.get $d) (i32.load8_u (local.get $s)))
              (local.set $d (i32.add (local.get $d) (i32.const 2)))
              (local.set $s (i32.add (local.get $s) (i32.const 2)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d))
          (func (export "reverse") (param $d i32) (param $s i32) (param $n i32) (result i32)
            (loop
              (i32.store8 (local.get $d) (i32.load8_u (local.get $s)))
              (local.set $d (i32.add (local.get $d) (i32.const 1)))
              (local.set $s (i32.sub (local.get $s) (i32.const 1)))
              (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $d))
          ;; memcmp as wasi-libc's C compiles: a byte from each side until they differ or the count runs out.
          ;; $poke (unless negative) first makes one byte differ.
          (func (export "compare") (param $l i32) (param $r i32) (param $n i32) (param $poke i32) (result i32 i32 i32 i32)
            (local $a i32) (local $b i32) (local $d i32)
            (if (i32.ge_s (local.get $poke) (i32.const 0)) (then (i32.store8 (local.get $poke) (i32.const 0xEE))))
            (block $done
              (br_if $done (i32.eqz (local.get $n)))
              (loop $next
                (if (i32.eq (local.tee $a (i32.load8_u (local.get $l))) (local.tee $b (i32.load8_u (local.get $r))))
                  (then
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (local.set $l (i32.add (local.get $l) (i32.const 1)))
                    (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
                    (br $done))))
              (local.set $d (i32.sub (local.get $a) (local.get $b))))
            (local.get $d) (local.get $l) (local.get $r) (local.get $n))
          ;; Without the guard (a count of 0 runs 2^32 times), signed loads with offsets, across memories,
          ;; an end pointer for a counter, and the exit two labels out.
          (func (export "compare_across") (param $l i32) (param $r i32) (param $e i32) (param $poke i32) (result i32 i32 i32 i32)
            (local $a i32) (local $b i32)
            (if (i32.ge_s (local.get $poke) (i32.const 0)) (then (i32.store8 $other (local.get $poke) (i32.const 0xEE))))
            (block $out
              (block $inner
                (loop $next
                  (local.set $a (i32.load8_s offset=2 (local.get $l)))
                  (if (i32.eq (local.get $a) (local.tee $b (i32.load8_s $other offset=1 (local.get $r))))
                    (then
                      (local.set $l (i32.add (local.get $l) (i32.const 1)))
                      (local.set $r (i32.add (local.get $r) (i32.const 1)))
                      (br_if $next (i32.ne (local.get $l) (local.get $e)))
                      (br $out))))
                (local.set $a (i32.add (local.get $a) (i32.const 1000)))))
            (local.get $a) (local.get $b) (local.get $l) (local.get $r))
          ;; Not a compare loop: the arm keeps a byte of the iteration that went round, which a difference
          ;; in the next iteration leaves behind (the difference's own bytes are what the others keep).
          (func (export "compare_keeping") (param $l i32) (param $r i32) (param $n i32) (param $poke i32) (result i32 i32)
            (local $a i32) (local $b i32) (local $d i32) (local $kept i32)
            (if (i32.ge_s (local.get $poke) (i32.const 0)) (then (i32.store8 (local.get $poke) (i32.const 0xEE))))
            (block $done
              (br_if $done (i32.eqz (local.get $n)))
              (loop $next
                (if (i32.eq (local.tee $a (i32.load8_u (local.get $l))) (local.tee $b (i32.load8_u (local.get $r))))
                  (then
                    (local.set $kept (local.get $a))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (local.set $l (i32.add (local.get $l) (i32.const 1)))
                    (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
                    (br $done))))
              (local.set $d (i32.sub (local.get $a) (local.get $b))))
            (local.get $d) (local.get $kept)))
        """;

    private const int Page = 65536;

    private static readonly Engine Recognising = new(new EngineConfig { Features = WasmFeatures.Wasm3 });
    private static readonly Engine Looping = new(new EngineConfig { Features = WasmFeatures.Wasm3, RecogniseByteLoops = false });
    private static readonly Module RecognisedModule = Module.FromText(Recognising, Wat);

    /// <summary>The same, with every statement outlined (a compare loop's exit leaves an outlined region), and compiled lazily and tiered.</summary>
    private static readonly Engine Outlining = new(new EngineConfig { Features = WasmFeatures.Wasm3, Split = SplitLimits.Everything });
    private static readonly Engine Tiering = new(new EngineConfig { Features = WasmFeatures.Wasm3, Strategy = CompileStrategy.Lazy, TieredJit = true });
    private static readonly (Engine, Module)[] Recognisers =
    [
        (Recognising, RecognisedModule), (Outlining, Module.FromText(Outlining, Wat)), (Tiering, Module.FromText(Tiering, Wat)),
    ];
    private static readonly Module LoopedModule = Module.FromText(Looping, Wat);

    public static TheoryData<string> Functions => new()
    {
        "copy_up", "move_down", "fill_up", "copy_keep", "copy_until", "copy_indexed", "fill_down", "copy_across", "by_two", "reverse",
        "compare", "compare_across", "compare_keeping",
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Recognised_loops_leave_what_the_loops_leave(string function)
    {
        var random = new Random(function.Sum(c => c)); // the same cases in every run
        var kinds = new HashSet<string>();
        foreach (var arguments in ArgumentsFor(function, random))
        {
            var expected = Run(Looping, LoopedModule, function, arguments);
            foreach (var (engine, module) in Recognisers)
            {
                var actual = Run(engine, module, function, arguments);
                Assert.True(expected.Outcome == actual.Outcome, $"{function}({string.Join(", ", arguments)}): {actual.Outcome}, the loop gives {expected.Outcome}");
                Assert.True(expected.Memory.AsSpan().SequenceEqual(actual.Memory), $"{function}({string.Join(", ", arguments)}): memory differs");
            }
            kinds.Add(KindOf(function, expected.Outcome));
        }
        // The cases reach every way out of the loop.
        string[] all = function.StartsWith("compare", StringComparison.Ordinal) ? ["trap", "differ", "ran out"] : ["trap", "done"];
        Assert.Equal(all.Order(), kinds.Order());
    }

    private static string KindOf(string function, string outcome)
    {
        if (outcome.StartsWith("trap", StringComparison.Ordinal)) return "trap";
        var results = outcome.Split(',').Select(int.Parse).ToArray();
        return function switch
        {
            "compare" or "compare_keeping" => results[0] != 0 ? "differ" : "ran out",
            "compare_across" => results[0] >= 1000 - 128 ? "differ" : "ran out",
            _ => "done",
        };
    }

    [Theory]
    [InlineData(0, true)] // copy_up
    [InlineData(1, true)] // move_down
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(7, true)]
    [InlineData(8, false)] // by_two
    [InlineData(9, false)] // reverse
    [InlineData(10, true)] // compare
    [InlineData(11, true)]
    [InlineData(12, false)] // compare_keeping
    public void Only_byte_loops_become_one_call(int function, bool recognised)
    {
        var module = RecognisedModule.Description;
        var listing = string.Join("\n", ModuleCompiler.List(Recognising, module, function).Lines);
        Assert.Equal(recognised, listing.Contains("ByteLoops::", StringComparison.Ordinal));
        // The loop is gone, not kept beside the call.
        if (recognised) Assert.DoesNotContain("ldind.u1", listing, StringComparison.Ordinal);
        var looped = string.Join("\n", ModuleCompiler.List(Looping, module, function).Lines);
        Assert.DoesNotContain("ByteLoops::", looped, StringComparison.Ordinal);
    }

    [Fact]
    public void With_fuel_the_loop_stays_a_loop_and_runs_out_in_the_middle()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3, ConsumeFuel = true });
        var module = Module.FromText(engine, Wat);
        var store = new Store(engine);
        store.SetFuel(5000);
        var instance = new Linker(engine).Instantiate(store, module);
        var memory = instance.GetMemory("memory")!.Span;
        for (int i = 0; i < Page; i++) memory[i] = (byte)(i * 7 + 3);
        var trap = Assert.ThrowsAny<TrapException>(() => instance.Call("copy_up", 1000, 0, 5000));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        memory = instance.GetMemory("memory")!.Span;
        var copied = 0;
        while (copied < 5000 && memory[1000 + copied] == (byte)(copied * 7 + 3)) copied++;
        Assert.InRange(copied, 1, 4999);
    }

    private static IEnumerable<int[]> ArgumentsFor(string function, Random random)
    {
        // Fixed cases first: the edges each loop shape has.
        int[][] fixedCases =
        [
            [100, 200, 50], [200, 100, 50], [100, 101, 64], [101, 100, 64], [100, 100, 10],
            [Page - 10, 0, 10], [Page - 10, 0, 11], [0, Page - 10, 11], [Page - 1, 5, 1],
            [5, 3, 0], [Page - 300, 17, 0], [3, 9, 7], [0, 0, 1], [-1, 10, 4], [10, -1, 4], [-5, 3, 9],
        ];
        foreach (var arguments in fixedCases) yield return Adapt(function, arguments);
        for (int i = 0; i < 150; i++)
        {
            var d = random.Next(4) == 0 ? Page - random.Next(400) : random.Next(Page);
            var s = random.Next(3) == 0 ? d + random.Next(-70, 70) : random.Next(Page);
            var n = random.Next(5) == 0 ? random.Next(1, 3000) : random.Next(0, 300);
            yield return Adapt(function, [d, s, n]);
        }
    }

    /// <summary>The same three numbers as each function's parameters mean them.</summary>
    private static int[] Adapt(string function, int[] a) => function switch
    {
        "fill_up" => [a[0], a[1] ^ 0x5C, a[2]],
        "copy_until" => [a[0], a[1], a[0] + a[2]],
        "fill_down" => [a[0], a[2]],
        "move_down" => [a[0] + a[2], a[1] + a[2], a[2]],
        // Sides equal byte for byte (the memory's pattern repeats every 256 bytes) unless moved off by the
        // case's own numbers, with a difference poked in the middle of one in two cases.
        "compare" or "compare_across" or "compare_keeping" => Compared(function, a),
        _ => a,
    };

    private static int[] Compared(string function, int[] a)
    {
        int l = a[0], n = a[2];
        // compare_across reads its left side at offset 2 and its right at offset 1.
        var across = function == "compare_across";
        var shift = across ? 1 : 0;
        var r = a[1] % 3 == 0 ? a[1] : (a[1] & ~0xFF) | ((l + shift) & 0xFF);
        var poke = n % 2 == 0 ? -1 : (across ? r + 1 : l) + n / 2;
        return across ? [l, r, l + n, poke] : [l, r, n, poke];
    }

    private static (string Outcome, byte[] Memory) Run(Engine engine, Module module, string function, int[] arguments)
    {
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, module);
        var memory = instance.GetMemory("memory")!.Span;
        var other = instance.GetMemory("other")!.Span;
        for (int i = 0; i < Page; i++)
        {
            memory[i] = (byte)(i * 7 + 3);
            other[i] = (byte)(i * 7 + 3);
        }
        string outcome;
        try
        {
            var results = instance.Call(function, [.. arguments.Select(Value.I32)]);
            outcome = string.Join(",", results.Select(v => v.AsI32()));
        }
        catch (TrapException trap)
        {
            outcome = "trap " + trap.Code;
        }
        byte[] bytes = [.. instance.GetMemory("memory")!.Span, .. instance.GetMemory("other")!.Span];
        // The spans point into memory the store owns: it must outlive the copy.
        GC.KeepAlive(store);
        GC.KeepAlive(instance);
        return (outcome, bytes);
    }
}
