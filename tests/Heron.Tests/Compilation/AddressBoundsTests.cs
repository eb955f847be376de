using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// Accesses whose address the body bounds (constants, masks, narrow loads, the comparisons a branch
/// tests, loop heads settled over every branch back) lose their bounds check when the largest address
/// ends within the memory's minimum; every case where the proof does not hold keeps its check and traps.
/// Each function is looked at twice: in the CIL (the check is there or not) and by running it.
/// </summary>
public class AddressBoundsTests
{
    private static readonly Module Module = Module.FromText(Wasm.Engine, """
        (module
          (memory 1)
          ;; sieve's inner loop: i starts at most 8192 (2 * j, j <= 4096) and goes back only while below 8193
          (func (export "sieve") (param $j i32) (result i32)
            (local $i i32)
            (block $out
              (br_if $out (i32.gt_u (local.get $j) (i32.const 4096)))
              (local.set $i (i32.shl (local.get $j) (i32.const 1)))
              (loop $again
                (i32.store8 offset=3744 (local.get $i) (i32.const 7))
                (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (local.get $j))) (i32.const 8193)))))
            (i32.load8_u offset=3744 (i32.const 8192)))
          ;; (only a body with a loop is analysed: the loops below run once)
          ;; a table lookup: a byte read from memory, times four, into a 1 KB table at 4096
          (func (export "table") (param i32) (result i32)
            (loop (result i32) (i32.load offset=4096 (i32.shl (i32.load8_u (local.get 0)) (i32.const 2)))))
          ;; a masked index into static data
          (func (export "masked") (param i32) (result i32)
            (loop (result i32) (i32.load8_u offset=1100 (i32.and (local.get 0) (i32.const 0xfff)))))
          ;; the same without a loop: not analysed, checked
          (func (export "masked_once") (param i32) (result i32)
            (i32.load8_u offset=1100 (i32.and (local.get 0) (i32.const 0xfff))))
          ;; in a loop, but with nothing that looks like static data (no offset or constant of 1024 or more)
          (func (export "masked_low") (param i32) (result i32)
            (loop (result i32) (i32.load8_u offset=100 (i32.and (local.get 0) (i32.const 0xfff)))))
          ;; the loop's bound lies beyond the memory: the check stays and the last stores trap
          (func (export "beyond") (param $n i32)
            (local $i i32)
            (loop $again
              (i32.store8 (local.get $i) (i32.const 1))
              (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 70000)))))
          ;; an index that only grows (no comparison bounds it): the guess at the loop head is given up
          (func (export "growing") (param $step i32)
            (local $i i32)
            (loop $again
              (i32.store8 (local.get $i) (i32.const 1))
              (local.set $i (i32.add (local.get $i) (local.get $step)))
              (br $again)))
          ;; the comparison is of the local's old value: it is set again before the branch tests it
          (func (export "retested") (param $i i32) (param $new i32) (result i32)
            (block $small
              (i32.lt_u (local.get $i) (i32.const 16))
              (local.set $i (local.get $new))
              (br_if $small)
              (return (i32.const -1)))
            (i32.load8_u (local.get $i)))
          ;; only one arm of the if bounds the local: after the if nothing does
          (func (export "arm") (param $i i32) (param $which i32) (result i32)
            (if (local.get $which) (then (local.set $i (i32.and (local.get $i) (i32.const 255)))))
            (i32.load8_u (local.get $i)))
          ;; a branch taken where i >= 100 (eqz of i < 100): only the fall-through is bounded
          (func (export "negated") (param $i i32) (result i32)
            (loop
              (block $big
                (br_if $big (i32.eqz (i32.lt_u (local.get $i) (i32.const 100))))
                (return (i32.load8_u offset=65000 (local.get $i)))))
            (i32.load8_u (local.get $i)))
          ;; the constant on the left: 100 > i bounds i on the way where it held
          (func (export "mirrored") (param $i i32) (result i32)
            (loop (result i32)
              (if (result i32) (i32.gt_u (i32.const 100) (local.get $i))
                (then (i32.load8_u offset=65000 (local.get $i)))
                (else (i32.const -1)))))
          ;; bounded on entry to the loop, then moved past the memory inside it before the access
          (func (export "moved") (param $i i32) (result i32)
            (local $n i32)
            (local.set $i (i32.and (local.get $i) (i32.const 1023)))
            (loop $again
              (local.set $i (i32.add (local.get $i) (i32.const 64600)))
              (drop (i32.load8_u (local.get $i)))
              (local.set $i (i32.and (local.get $i) (i32.const 1023)))
              (br_if $again (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 3))))
            (local.get $n))
          ;; br_table: every target gets the state at the branch (i moved past the memory)
          (func (export "table_branch") (param $i i32) (param $k i32) (result i32)
            (block $a
              (block $b
                (br_if $a (i32.gt_u (local.get $i) (i32.const 10)))
                (local.set $i (i32.add (local.get $i) (i32.const 70000)))
                (br_table $a $b (local.get $k)))
              (return (i32.const -2)))
            (i32.load8_u (local.get $i)))
          ;; counting loops as C writes them (int i, signed compares): after widening, each head narrows
          ;; back to the bound its branch back tests; an access at offset 60000 fits below 1000 but not 6000
          (func (export "counted") (param $n i32) (result i32)
            (local $i i32) (local $j i32) (local $sum i32)
            (loop $rows
              (local.set $i (i32.const 0))
              (loop $columns
                (i32.store8 offset=60000 (i32.add (i32.mul (local.get $j) (i32.const 100)) (local.get $i)) (i32.const 1))
                (br_if $columns (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100))))
              (br_if $rows (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 10))))
            (local.set $i (i32.const 0))
            (loop $sum
              (local.set $sum (i32.add (local.get $sum) (i32.load8_u offset=60000 (local.get $i))))
              (br_if $sum (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
            (local.get $sum))
          (func (export "counted_beyond") (result i32)
            (local $i i32)
            (loop $again
              (i32.store8 offset=60000 (local.get $i) (i32.const 1))
              (br_if $again (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 6000))))
            (local.get $i))
          (data (i32.const 0) "\03"))
        """);

    private static int Call(string name, params int[] args)
    {
        var results = new Linker(Wasm.Engine).Instantiate(new Store(Wasm.Engine), Module).Call(name, [.. args.Select(Value.I32)]);
        return results.Length == 0 ? 0 : results[0].AsI32();
    }

    private static void Traps(string name, params int[] args) =>
        Assert.Equal(TrapCode.MemoryOutOfBounds, Wasm.Traps(() => Call(name, args)).Code);

    /// <summary>How many bounds checks the CIL of export <paramref name="name"/> makes.</summary>
    private static int Checks(string name)
    {
        var description = Module.Description;
        var index = (int)description.Exports.Single(export => export.Name == name).Index;
        return ModuleCompiler.List(Wasm.Engine, description, index).Lines.Count(line => line.Contains("LinearMemory::LengthComplement"));
    }

    [Fact]
    public void SievesInnerLoopStoresWithoutACheck()
    {
        Assert.Equal(0, Checks("sieve"));
        Assert.Equal(7, Call("sieve", 4096)); // 8192 is stored once
        Assert.Equal(7, Call("sieve", 2));
        Assert.Equal(0, Call("sieve", 5000));
    }

    [Fact]
    public void ATableLookupIndexedByAByteIsNotChecked()
    {
        Assert.Equal(1, Checks("table")); // the byte's own read is checked
        Assert.Equal(0, Call("table", 0));
        Traps("table", 65536);
    }

    [Fact]
    public void AMaskedIndexIsNotChecked()
    {
        Assert.Equal(0, Checks("masked"));
        Assert.Equal(0, Call("masked", -1));
    }

    [Fact]
    public void ABodyWithoutALoopOrStaticDataIsNotAnalysed()
    {
        Assert.Equal(1, Checks("masked_once"));
        Assert.Equal(0, Call("masked_once", -1));
        Assert.Equal(1, Checks("masked_low"));
        Assert.Equal(0, Call("masked_low", -1));
    }

    [Fact]
    public void ALoopBoundBeyondTheMemoryKeepsTheCheck()
    {
        Assert.Equal(1, Checks("beyond"));
        Traps("beyond", 0);
    }

    [Fact]
    public void AnIndexThatOnlyGrowsKeepsTheCheck()
    {
        Assert.Equal(1, Checks("growing"));
        Traps("growing", 1000);
    }

    [Fact]
    public void ATestOfALocalsOldValueBoundsNothing()
    {
        Assert.Equal(1, Checks("retested"));
        Assert.Equal(3, Call("retested", 0, 0));
        Traps("retested", 0, 65536);
    }

    [Fact]
    public void ABoundFromOneArmDoesNotOutliveTheIf()
    {
        Assert.Equal(1, Checks("arm"));
        Assert.Equal(0, Call("arm", 65536 + 300, 1));
        Traps("arm", 65536, 0);
    }

    [Fact]
    public void OnlyTheWayWhereTheTestHeldIsBounded()
    {
        Assert.Equal(1, Checks("negated"));
        Assert.Equal(0, Call("negated", 99));
        Assert.Equal(0, Call("negated", 65535));
        Traps("negated", 65536);
    }

    [Fact]
    public void AComparisonWithTheConstantOnTheLeftBoundsTheLocal()
    {
        Assert.Equal(0, Checks("mirrored"));
        Assert.Equal(0, Call("mirrored", 99));
        Assert.Equal(-1, Call("mirrored", 100));
    }

    [Fact]
    public void ALocalMovedInsideTheLoopIsChecked()
    {
        Assert.Equal(1, Checks("moved"));
        Assert.Equal(3, Call("moved", 0));
        Traps("moved", 1000); // 1000 + 64600 lies past the memory
    }

    [Fact]
    public void EveryBrTableTargetGetsTheStateAtTheBranch()
    {
        Assert.Equal(1, Checks("table_branch"));
        Assert.Equal(-2, Call("table_branch", 0, 1));
        Traps("table_branch", 0, 0);
        Assert.Equal(-2, Call("table_branch", 0, 5)); // the default target
        Assert.Equal(0, Call("table_branch", 11, 0)); // i > 10 skips the move: the load of address 11 runs
    }

    [Fact]
    public void CountingLoopsWithSignedTestsAreBoundedByTheirLimits()
    {
        // The nested stores are proven; the sum's limit is a parameter, so its load is checked.
        Assert.Equal(1, Checks("counted"));
        Assert.Equal(1000, Call("counted", 1000));
        Traps("counted", 6000);
        Assert.Equal(1, Checks("counted_beyond"));
        Traps("counted_beyond");
    }

    [Fact]
    public void AFunctionWithInstructionsTheAnalysisDoesNotModelIsLeftAsItWas()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        var module = Module.FromText(engine, """
            (module
              (memory 1)
              (tag $t)
              (func (export "f") (param i32) (result i32)
                (block $h (try_table (catch $t $h) (nop)))
                (i32.load8_u (i32.and (local.get 0) (i32.const 255)))))
            """);
        Assert.Null(AddressBounds.Analyze(module.Description, module.Description.Bodies[0].Code.Start, module.Description.Bodies[0].Code.End,
            module.Description.LocalTypesOf(0), 1));
    }
}
