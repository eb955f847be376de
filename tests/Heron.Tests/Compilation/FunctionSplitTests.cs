using System.Reflection;
using System.Text;
using Heron.Compilation;

namespace Heron.Tests.Compilation;

/// <summary>
/// Big functions are cut into methods the .NET JIT optimises one by one (FunctionSplitter): the outlined
/// regions take the locals by reference and return an exit code for each label they leave by. Split code
/// must mean exactly what the whole function meant, traps and backtraces included.
/// </summary>
public class FunctionSplitTests
{
    private const string Wat = """
        (module
          (memory 1)
          (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "mix") (param $n i32) (param $f f64) (result i32 f64)
            (local $acc i32) (local $v v128) (local $r externref) (local $i i64)
            (block $out
              (loop $again
                (local.set $acc (i32.add (local.get $acc) (call $leaf (local.get $n))))
                (local.set $i (i64.add (local.get $i) (i64.const 3)))
                (local.set $v (i32x4.splat (local.get $acc)))
                (block $b2
                  (block $b1
                    (block $b0
                      (br_table $b0 $b1 $b2 $out (i32.and (local.get $n) (i32.const 3))))
                    (local.set $f (f64.add (local.get $f) (f64.const 1.5)))
                    (br $b2))
                  (if (i32.gt_s (local.get $acc) (i32.const 100))
                    (then (return (i32.const -1) (local.get $f)))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br_if $again (i32.gt_s (local.get $n) (i32.const 0)))))
            (i32.add (local.get $acc) (i32x4.extract_lane 2 (local.get $v)))
            (f64.add (local.get $f) (f64.convert_i64_s (local.get $i))))
          (func (export "below") (param i32) (result i32)
            (i32.add (i32.const 100)
              (block (result i32)
                (local.set 0 (i32.mul (local.get 0) (i32.const 2)))
                (local.get 0))))
          (func (export "trap") (param $a i32) (result i32)
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (drop (i32.load (i32.const 0)))
            (if (i32.gt_s (local.get $a) (i32.const 2)) (then unreachable))
            (local.get $a)))
        """;

    private static (Instance Instance, Module Module) Instantiate(SplitLimits split, CompileStrategy strategy = CompileStrategy.Auto, string wat = Wat)
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2, Split = split, Strategy = strategy });
        var module = Module.FromText(engine, wat);
        return (new Linker(engine).Instantiate(new Store(engine), module), module);
    }

    private static bool HasRegions(Module module) =>
        module.Compiled.Type.Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Any(method => method.Name.StartsWith('f') && method.Name.Contains(RegionMethods.RegionMarker));

    private static object?[] Mix(Instance instance, int n, double f) =>
        instance.GetFunction("mix")!.Invoke(Value.I32(n), Value.F64(f)).Select(value => value.Type.Kind == ValueKind.I32 ? (object)value.AsI32() : value.AsF64()).ToArray();

    [Theory]
    [InlineData(CompileStrategy.Auto)]
    [InlineData(CompileStrategy.Lazy)]
    public void EveryExitOfAnOutlinedStatementGoesWhereTheWholeFunctionWent(CompileStrategy strategy)
    {
        var (whole, wholeModule) = Instantiate(SplitLimits.Never, strategy);
        var (split, splitModule) = Instantiate(SplitLimits.Everything, strategy);
        Assert.False(HasRegions(wholeModule));
        for (int n = -2; n < 40; n++)
            foreach (var f in new[] { 0.0, -2.25, 1e9 })
                Assert.Equal(Mix(whole, n, f), Mix(split, n, f));
        for (int x = -3; x < 3; x++)
            Assert.Equal(whole.GetFunction("below")!.Invoke(Value.I32(x))[0].AsI32(), split.GetFunction("below")!.Invoke(Value.I32(x))[0].AsI32());
        Assert.True(HasRegions(splitModule), "nothing was outlined");
    }

    [Fact]
    public void ATrapInsideAnOutlinedStatementHasTheWholeFunctionsBacktrace()
    {
        var (whole, _) = Instantiate(SplitLimits.Never);
        var (split, _) = Instantiate(SplitLimits.Everything);
        var expected = Assert.Throws<TrapException>(() => whole.GetFunction("trap")!.Invoke(Value.I32(3)));
        var actual = Assert.Throws<TrapException>(() => split.GetFunction("trap")!.Invoke(Value.I32(3)));
        Assert.Equal(TrapCode.Unreachable, actual.Code);
        Assert.Equal(
            expected.Backtrace.Select(frame => (frame.FunctionIndex, frame.Offset)),
            actual.Backtrace.Select(frame => (frame.FunctionIndex, frame.Offset)));
        Assert.True(actual.Backtrace[0].Offset > 0, string.Join("; ", actual.Backtrace) + " / " + string.Join("; ", expected.Backtrace));
    }

    /// <summary>A function of <paramref name="blocks"/> blocks of 40 statements (about 320 bytes of code each) and the sum it returns for n = 3.</summary>
    private static (string Wat, int Expected) BigFunction(int blocks, string export = "sum")
    {
        var text = new StringBuilder("(module (func (export \"").Append(export).Append("\") (param $n i32) (result i32) (local $x i32)\n");
        long expected = 0;
        for (int b = 0; b < blocks; b++)
        {
            text.Append("  (block $b").Append(b).Append('\n');
            for (int s = 0; s < 40; s++)
            {
                var k = b * 40 + s;
                text.Append("    (local.set $x (i32.add (local.get $x) (i32.mul (local.get $n) (i32.const ").Append(k).Append("))))\n");
                expected += k;
            }
            text.Append("    (br_if $b").Append(b).Append(" (i32.eqz (local.get $n))))\n");
        }
        text.Append("  (local.get $x)))");
        return (text.ToString(), (int)(expected * 3));
    }

    [Fact]
    public void AFunctionOverTheJitsLimitsIsSplitUnderTheMeasuredLimitsAndLeftWholeByDefault()
    {
        // 60 blocks: about 19 KB of code, over the 12 KB from which the measured limits split a body.
        var (wat, expected) = BigFunction(60);
        var (instance, module) = Instantiate(SplitLimits.Measured, wat: wat);
        Assert.True(HasRegions(module), "the big function was not split");
        var (byDefault, defaultModule) = Instantiate(SplitLimits.Default, wat: wat);
        Assert.False(HasRegions(defaultModule), "splitting is off by default");
        Assert.Equal(expected, byDefault.GetFunction("sum")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.Equal(expected, instance.GetFunction("sum")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.Equal(0, instance.GetFunction("sum")!.Invoke(Value.I32(0))[0].AsI32());
    }

    /// <summary>Compiles and instantiates <paramref name="wat"/> with no Split given: the engine's other settings choose, as for every embedder and heron run.</summary>
    private static (Instance Instance, Module Module) InstantiateAsEngineChooses(string wat, bool tiered, CompileStrategy strategy)
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2, TieredJit = tiered, Strategy = strategy });
        var module = Module.FromText(engine, wat);
        return (new Linker(engine).Instantiate(new Store(engine), module), module);
    }

    [Theory]
    [InlineData(CompileStrategy.Auto)]
    [InlineData(CompileStrategy.Lazy)]
    public void TieredCodeSplitsOnlyBodiesOverSixtyFourKilobytes(CompileStrategy strategy)
    {
        var (huge, hugeSum) = BigFunction(220); // about 70 KB of code
        var (big, bigSum) = BigFunction(60);
        var (hugeTiered, hugeTieredModule) = InstantiateAsEngineChooses(huge, tiered: true, strategy);
        // Called before looking: a lazily compiled function is compiled by its first call.
        Assert.Equal(hugeSum, hugeTiered.GetFunction("sum")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.Equal(0, hugeTiered.GetFunction("sum")!.Invoke(Value.I32(0))[0].AsI32());
        Assert.True(HasRegions(hugeTieredModule), "a body over 64 KB was not split in tiered code");
        var (bigTiered, bigTieredModule) = InstantiateAsEngineChooses(big, tiered: true, strategy);
        Assert.Equal(bigSum, bigTiered.GetFunction("sum")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.False(HasRegions(bigTieredModule), "a body under 64 KB was split in tiered code");
        var (hugeCollectible, hugeCollectibleModule) = InstantiateAsEngineChooses(huge, tiered: false, strategy);
        Assert.Equal(hugeSum, hugeCollectible.GetFunction("sum")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.False(HasRegions(hugeCollectibleModule), "the library's default code (not tiered) was split");
    }

    [Theory]
    [InlineData(CompileStrategy.Auto)]
    [InlineData(CompileStrategy.Lazy)]
    public void TieredCodeSplitsAFunctionThatRunsOnceFromTwelveKilobytes(CompileStrategy strategy)
    {
        // About 19 KB: under Huge's 64 KB, over RunOnce's 12 KB. Exported as _start it runs once.
        var (wat, expected) = BigFunction(60, export: "_start");
        var (tiered, tieredModule) = InstantiateAsEngineChooses(wat, tiered: true, strategy);
        Assert.Equal(expected, tiered.GetFunction("_start")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.Equal(0, tiered.GetFunction("_start")!.Invoke(Value.I32(0))[0].AsI32());
        Assert.True(HasRegions(tieredModule), "a 19 KB _start was not split in tiered code");
        var (untiered, untieredModule) = InstantiateAsEngineChooses(wat, tiered: false, strategy);
        Assert.Equal(expected, untiered.GetFunction("_start")!.Invoke(Value.I32(3))[0].AsI32());
        Assert.False(HasRegions(untieredModule), "the library's default code (not tiered) was split");
    }

    [Fact]
    public void OnlyTheStartFunctionAndUnderscoreStartRunOnce()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2 });
        var module = Module.FromText(engine, """
            (module
              (func $init)
              (func $main (export "_start"))
              (func $other (export "main"))
              (start $init))
            """).Description;
        Assert.True(SplitLimits.RunsOnce(module, 0));
        Assert.True(SplitLimits.RunsOnce(module, 1));
        Assert.False(SplitLimits.RunsOnce(module, 2));
    }

    [Fact]
    public void RegionsEmittedOnOtherCoresTrapWithTheWholeFunctionsBacktrace()
    {
        // About 75 KB in one function of a module over 64 KB: tiered code splits it and the regions are
        // emitted by whichever core is free. $check traps when its two arguments are equal, from inside
        // one of the regions; the same module compiled whole must give the same frames.
        var text = new StringBuilder("""
            (module
              (func $check (param i32 i32) (if (i32.eq (local.get 0) (local.get 1)) (then unreachable)))
              (func (export "sum") (param $n i32) (result i32) (local $x i32)

            """);
        for (int b = 0; b < 220; b++)
        {
            text.Append("  (block $b").Append(b).Append('\n');
            for (int s = 0; s < 40; s++)
                text.Append("    (local.set $x (i32.add (local.get $x) (i32.mul (local.get $n) (i32.const ").Append(b * 40 + s).Append("))))\n");
            text.Append("    (call $check (local.get $n) (i32.const ").Append(b + 1000).Append("))\n");
            text.Append("    (br_if $b").Append(b).Append(" (i32.eqz (local.get $n))))\n");
        }
        text.Append("  (local.get $x)))");
        (Instance, Module) Compile(bool tiered)
        {
            var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2, TieredJit = tiered });
            var module = Module.FromText(engine, text.ToString());
            return (new Linker(engine).Instantiate(new Store(engine), module), module);
        }
        var (whole, _) = Compile(tiered: false);
        var (split, splitModule) = Compile(tiered: true);
        Assert.True(HasRegions(splitModule), "nothing was outlined");
        foreach (var n in new[] { 1000, 1100, 1219 })
        {
            var expected = Assert.Throws<TrapException>(() => whole.GetFunction("sum")!.Invoke(Value.I32(n)));
            var actual = Assert.Throws<TrapException>(() => split.GetFunction("sum")!.Invoke(Value.I32(n)));
            Assert.Equal(TrapCode.Unreachable, actual.Code);
            Assert.Equal(
                expected.Backtrace.Select(frame => (frame.FunctionIndex, frame.Offset)),
                actual.Backtrace.Select(frame => (frame.FunctionIndex, frame.Offset)));
        }
        Assert.Equal(whole.GetFunction("sum")!.Invoke(Value.I32(7))[0].AsI32(), split.GetFunction("sum")!.Invoke(Value.I32(7))[0].AsI32());
    }
}
